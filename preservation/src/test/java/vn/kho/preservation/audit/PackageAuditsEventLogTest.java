package vn.kho.preservation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.preservation.audit.rocksdb.RocksAuditStore;
import vn.kho.preservation.eventlog.ocfl.OcflEventLog;
import vn.kho.preservation.fixity.Archive;
import vn.kho.repository.PackageId;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.Replica;

/** Every audit of a package on every replica, whoever runs it, leaves its PREMIS events in the event log. */
class PackageAuditsEventLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void appendsTheEventsOfEachFullAuditToTheMonthsEventLogOnEveryReplica() {
        try (Archive archive = new Archive(tmp, "a", "b");
                AuditStore store = new RocksAuditStore(tmp.resolve("audits"))) {
            PackageId id = archive.store();
            List<Replica> replicas = List.copyOf(archive.replicas.values());
            PackageAudits audits = new PackageAudits(
                    new PackageAuditor(replicas, archive.index, tmp.resolve("audit-work"), CLOCK, "Kho test"),
                    store,
                    CLOCK,
                    1L << 40,
                    incident -> {},
                    new OcflEventLog(replicas, tmp.resolve("event-log"), CLOCK, "Kho test"));

            audits.audit(id, null);
            audits.audit(id, "a"); // a whole copy on one replica: a check, no audit events

            PackageId november = EventLogIds.of(YearMonth.of(2026, 11));
            for (Replica replica : replicas) {
                assertThat(replica.inventory(november).headVersion()).isEqualTo(1);
                assertThat(replica.inventory(november).files().keySet())
                        .singleElement()
                        .asString()
                        .startsWith("events/2026-11-23/" + id + "-");
            }
        }
    }
}
