package vn.kho.preservation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
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
import vn.kho.preservation.eventlog.rocksdb.RocksEventBuffer;
import vn.kho.preservation.fixity.Archive;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;
import vn.kho.repository.premis.PremisXml.LogEntry;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.Replica;

/** Every audit of a package, whoever runs it, leaves its PREMIS events in the event log. */
class PackageAuditsEventLogTest {
    private static final Clock DAY_1 = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final Clock DAY_2 = Clock.fixed(Instant.parse("2026-11-24T00:05:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private OcflEventLog log(List<Replica> replicas, Clock clock) {
        return new OcflEventLog(
                replicas,
                new RocksEventBuffer(tmp.resolve("event-log/buffer")),
                tmp.resolve("event-log/staging"),
                clock,
                "Kho test");
    }

    @Test
    void aFullAuditLeavesItsEventsAndARoutineCheckOfOneWholeCopyOneCompactEvent() throws Exception {
        try (Archive archive = new Archive(tmp, "a", "b");
                AuditStore store = new RocksAuditStore(tmp.resolve("audits"))) {
            PackageId id = archive.store();
            List<Replica> replicas = List.copyOf(archive.replicas.values());
            try (OcflEventLog log = log(replicas, DAY_1)) {
                PackageAudits audits = new PackageAudits(
                        new PackageAuditor(replicas, archive.index, tmp.resolve("audit-work"), DAY_1, "Kho test"),
                        store,
                        DAY_1,
                        1L << 40,
                        2,
                        incident -> {},
                        log);

                audits.audit(id, null);
                audits.audit(id, "a");
            }
            try (OcflEventLog log = log(replicas, DAY_2)) {
                log.flush();
            }

            PackageId november = EventLogIds.of(YearMonth.of(2026, 11));
            for (Replica replica : replicas) {
                List<LogEntry> entries;
                try (InputStream in = replica.open(november, "events/2026-11-23.xml")) {
                    entries = PremisXml.readLog(in);
                }
                // one package's events, one after the other, read back as one entry
                assertThat(entries)
                        .singleElement()
                        .extracting(LogEntry::packageId)
                        .isEqualTo(id);
                List<PremisEvent> events = entries.get(0).events();
                assertThat(events.get(0).detail()).contains("on 2 replicas (a, b)");
                assertThat(events)
                        .filteredOn(e -> e.detail().contains("on 1 replica"))
                        .singleElement()
                        .satisfies(routine -> {
                            assertThat(routine).isEqualTo(events.get(events.size() - 1));
                            assertThat(routine.type()).isEqualTo("fixity check");
                            assertThat(routine.outcome()).isEqualTo("success");
                            assertThat(routine.object()).isEqualTo(id.urn());
                            assertThat(routine.detail())
                                    .contains("on 1 replica (a)")
                                    .contains("OK");
                        });
            }
        }
    }
}
