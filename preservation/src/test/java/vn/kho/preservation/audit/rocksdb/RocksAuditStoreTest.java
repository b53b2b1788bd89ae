package vn.kho.preservation.audit.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.preservation.audit.AuditFinding;
import vn.kho.preservation.audit.AuditRepair;
import vn.kho.preservation.audit.AuditRun;
import vn.kho.preservation.audit.AuditScope;
import vn.kho.preservation.audit.AuditStatus;
import vn.kho.preservation.audit.Totals;
import vn.kho.preservation.fixity.Incident;
import vn.kho.preservation.fixity.IncidentState;
import vn.kho.repository.PackageId;

class RocksAuditStoreTest {
    @TempDir
    Path dir;

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aRunWithItsFindingsCursorAndReportSurvivesReopening() {
        PackageId pkg = PackageId.random();
        AuditRun run = new AuditRun(
                UUID.randomUUID(),
                new AuditScope(List.of(pkg.urn()), null),
                AuditStatus.RUNNING,
                T0,
                T0,
                null,
                new Totals(1, 4, 4000),
                new Totals(1, 4, 4000),
                Map.of("OK", 5L, "MISMATCH", 1L),
                List.of(new AuditFinding(pkg.urn(), "a", "METS.xml", "MISMATCH", "digests differ")),
                List.of(new AuditRepair(pkg.urn(), "a", "FILE", "v1/content/METS.xml", "b", true, "copied")),
                List.of(),
                pkg.urn(),
                null);
        try (RocksAuditStore store = new RocksAuditStore(dir)) {
            store.put(run);
            store.putReport(run.id(), new byte[] {1, 2}, new byte[] {3});
            assertThatThrownBy(() -> store.putReport(run.id(), new byte[] {9}, new byte[] {9}))
                    .as("a report is kept once")
                    .isInstanceOf(IllegalStateException.class);
        }
        try (RocksAuditStore store = new RocksAuditStore(dir)) {
            assertThat(store.get(run.id())).contains(run);
            assertThat(store.list()).containsExactly(run);
            assertThat(store.report(run.id(), false))
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
            assertThat(store.report(run.id(), true))
                    .hasValueSatisfying(b -> assertThat(b).containsExactly(3));
        }
    }

    @Test
    void aResolvedIncidentStopsBeingItsPackagesOpenOneAndIncidentsListNewestFirst() {
        PackageId pkg = PackageId.random();
        Incident first = incident(pkg, T0, IncidentState.OPEN);
        Incident later = incident(PackageId.random(), T0.plusSeconds(60), IncidentState.OPEN);
        try (RocksAuditStore store = new RocksAuditStore(dir)) {
            store.putIncident(first);
            store.putIncident(later);
            assertThat(store.openIncident(pkg)).contains(first);
            store.putIncident(incident(pkg, T0, IncidentState.RESOLVED, first.id()));
            assertThat(store.openIncident(pkg)).isEmpty();
            assertThat(store.incidents())
                    .extracting(Incident::id, Incident::state)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(later.id(), IncidentState.OPEN),
                            org.assertj.core.groups.Tuple.tuple(first.id(), IncidentState.RESOLVED));
        }
    }

    private static Incident incident(PackageId pkg, Instant when, IncidentState state) {
        return incident(pkg, when, state, UUID.randomUUID().toString());
    }

    private static Incident incident(PackageId pkg, Instant when, IncidentState state, String id) {
        return new Incident(id, pkg, state, when, "METS.xml has no good copy", List.of("a: METS.xml"), "c", "r");
    }
}
