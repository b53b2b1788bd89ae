package vn.kho.preservation.eventlog.ocfl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.preservation.fixity.Archive;
import vn.kho.preservation.fixity.FixityAudit;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.IndexRebuilder;
import vn.kho.storage.Replica;
import vn.kho.storage.Staging;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflVerifier;
import vn.kho.storage.rocksdb.RocksPackageIndex;

/** The event log over real replicas, with the events of real audits of a real package. */
class OcflEventLogTest {
    private static final Instant DAY_1 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-11-24T09:00:00Z");
    private static final PackageId NOVEMBER = EventLogIds.of(YearMonth.of(2026, 11));

    @TempDir
    Path tmp;

    private Archive archive;

    @AfterEach
    void close() {
        if (archive != null) {
            archive.close();
        }
    }

    private List<Replica> replicas() {
        return List.copyOf(archive.replicas.values());
    }

    private OcflEventLog log(Instant now) {
        return new OcflEventLog(replicas(), tmp.resolve("event-log"), Clock.fixed(now, ZoneOffset.UTC), "Kho test");
    }

    private List<PremisEvent> audit(PackageId id) {
        return new FixityAudit(replicas(), archive.index, tmp.resolve("audit-work"), Clock.systemUTC(), "Kho test")
                .audit(id)
                .events();
    }

    private static String path(String day, PackageId id, List<PremisEvent> events) {
        return "events/" + day + "/" + id + "-" + events.get(0).id() + ".xml";
    }

    private static List<PremisEvent> read(Replica replica, String logicalPath) throws IOException {
        try (InputStream in = replica.open(NOVEMBER, logicalPath)) {
            return PremisXml.read(in);
        }
    }

    @Test
    void keepsAnAuditsEventsInTheMonthsObjectOnEveryReplicaAsAPremisDocument() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        List<PremisEvent> events = audit(id);
        assertThat(events).isNotEmpty();

        log(DAY_1).append(id, events);

        for (Replica replica : replicas()) {
            assertThat(replica.inventory(NOVEMBER).headVersion()).isEqualTo(1);
            assertThat(read(replica, path("2026-11-23", id, events)))
                    .extracting(PremisEvent::id, PremisEvent::type, PremisEvent::outcome)
                    .containsExactlyElementsOf(events.stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.type(), e.outcome()))
                            .toList());
        }
    }

    @Test
    void writesTheNextVersionHoldingBothDocumentsWhenTheNextDaysAuditIsAppended() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        List<PremisEvent> first = audit(id);
        List<PremisEvent> second = audit(id);

        log(DAY_1).append(id, first);
        log(DAY_2).append(id, second); // a new instance: everything it needs is in storage

        for (FilesystemReplica replica : archive.replicas.values()) {
            assertThat(replica.inventory(NOVEMBER).headVersion()).isEqualTo(2);
            assertThat(replica.inventory(NOVEMBER).files())
                    .containsOnlyKeys(path("2026-11-23", id, first), path("2026-11-24", id, second));
            assertThat(read(replica, path("2026-11-23", id, first))).hasSameSizeAs(first);
            assertThat(errors(replica.root())).isEmpty();
        }
    }

    @Test
    void copiesTheNewestVersionBackOntoAReplicaThatLostTheObject() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        List<PremisEvent> first = audit(id);
        List<PremisEvent> second = audit(id);
        log(DAY_1).append(id, first);
        archive.replica("a").delete(NOVEMBER);

        log(DAY_1).append(id, second);

        assertThat(archive.replica("a").inventory(NOVEMBER).headVersion()).isEqualTo(2);
        assertThat(archive.replica("a").inventory(NOVEMBER).files())
                .containsOnlyKeys(path("2026-11-23", id, first), path("2026-11-23", id, second));
    }

    @Test
    void keepsEventsItCouldNotWriteAndWritesThemWithTheNextAppend() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        List<PremisEvent> first = audit(id);
        List<PremisEvent> second = audit(id);
        Path staging = tmp.resolve("event-log");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("root"), "in the way"); // staging cannot be opened
        OcflEventLog log = log(DAY_1);

        log.append(id, first); // does not throw: an audit must not fail for its events

        assertThat(log.pending()).isEqualTo(1);
        assertThat(archive.replica("a").contains(NOVEMBER)).isFalse();
        Files.delete(staging.resolve("root"));

        log.append(id, second);

        assertThat(log.pending()).isZero();
        for (Replica replica : replicas()) {
            assertThat(replica.inventory(NOVEMBER).headVersion()).isEqualTo(1);
            assertThat(replica.inventory(NOVEMBER).files())
                    .containsOnlyKeys(path("2026-11-23", id, first), path("2026-11-23", id, second));
        }
    }

    @Test
    void indexRebuildLeavesTheEventLogObjectOut() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        log(DAY_1).append(id, audit(id));

        try (RocksPackageIndex index = new RocksPackageIndex(tmp.resolve("rebuilt"))) {
            IndexRebuilder.Report report =
                    new IndexRebuilder().rebuild(replicas(), index, Staging::describeFromInventory);

            assertThat(report.packages()).isEqualTo(1);
            assertThat(report.unreadable()).isEmpty();
            assertThat(index.get(id)).isPresent();
            assertThat(index.get(NOVEMBER)).isEmpty();
        }
    }

    /** What {@code kho verify} reports as errors: ocfl-java's validator and Kho's own checks, content included. */
    private static List<Finding> errors(Path root) {
        List<Finding> findings = new OcflVerifier(true).verify(root);
        return findings.stream().filter(Finding::isError).toList();
    }
}
