package vn.kho.preservation.eventlog.ocfl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.preservation.eventlog.rocksdb.RocksEventBuffer;
import vn.kho.preservation.fixity.Archive;
import vn.kho.preservation.fixity.FixityAudit;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.repository.premis.PremisXml;
import vn.kho.repository.premis.PremisXml.LogEntry;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.IndexRebuilder;
import vn.kho.storage.Replica;
import vn.kho.storage.Staging;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflVerifier;
import vn.kho.storage.rocksdb.RocksPackageIndex;

/** The event log over real replicas and a real RocksDB buffer, with the events of real audits of real packages. */
class OcflEventLogTest {
    private static final Instant DAY_1 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-11-25T00:06:00Z");
    private static final PackageId NOVEMBER = EventLogIds.of(YearMonth.of(2026, 11));

    @TempDir
    Path tmp;

    private Archive archive;
    private final List<OcflEventLog> logs = new ArrayList<>();

    @AfterEach
    void close() {
        logs.forEach(OcflEventLog::close);
        if (archive != null) {
            archive.close();
        }
    }

    private List<Replica> replicas() {
        return List.copyOf(archive.replicas.values());
    }

    /** An event log as Kho opens it at {@code now}: everything it knows is in the buffer's directory and storage. */
    private OcflEventLog log(Instant now) {
        logs.forEach(OcflEventLog::close);
        logs.clear();
        OcflEventLog log = new OcflEventLog(
                replicas(),
                new RocksEventBuffer(tmp.resolve("event-log/buffer")),
                tmp.resolve("event-log/staging"),
                Clock.fixed(now, ZoneOffset.UTC),
                "Kho test");
        logs.add(log);
        return log;
    }

    private List<PremisEvent> audit(PackageId id) {
        return new FixityAudit(replicas(), archive.index, tmp.resolve("audit-work"), Clock.systemUTC(), "Kho test")
                .audit(id)
                .events();
    }

    private static List<LogEntry> read(Replica replica, String day) throws IOException {
        try (InputStream in = replica.open(NOVEMBER, "events/" + day + ".xml")) {
            return PremisXml.readLog(in);
        }
    }

    @Test
    void keepsTheDaysEventsBufferedAndWritesThemAsOneDocumentInOneVersionOnEveryReplicaTheNextDay() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId one = archive.store();
        PackageId two = archive.store();
        List<PremisEvent> first = audit(one);
        List<PremisEvent> second = audit(two);
        OcflEventLog today = log(DAY_1);
        today.append(one, first);
        today.append(two, second);

        assertThat(today.flush()).isTrue();

        assertThat(today.pending()).isEqualTo(2);
        assertThat(archive.replica("a").contains(NOVEMBER)).isFalse();

        OcflEventLog tomorrow = log(DAY_2);
        assertThat(tomorrow.pending()).as("the buffer outlives a restart").isEqualTo(2);
        assertThat(tomorrow.flush()).isTrue();

        assertThat(tomorrow.pending()).isZero();
        for (Replica replica : replicas()) {
            assertThat(replica.inventory(NOVEMBER).headVersion()).isEqualTo(1);
            assertThat(replica.inventory(NOVEMBER).files()).containsOnlyKeys("events/2026-11-23.xml");
            assertThat(read(replica, "2026-11-23"))
                    .containsExactly(new LogEntry(one, first), new LogEntry(two, second));
        }
    }

    @Test
    void addsOneVersionPerDayHoldingOnlyThatDaysDocument() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        log(DAY_1).append(id, audit(id));
        log(DAY_2).flush();
        log(DAY_2).append(id, audit(id));

        log(DAY_3).flush();

        for (FilesystemReplica replica : archive.replicas.values()) {
            assertThat(replica.inventory(NOVEMBER).headVersion()).isEqualTo(2);
            assertThat(replica.inventory(NOVEMBER).files())
                    .containsOnlyKeys("events/2026-11-23.xml", "events/2026-11-24.xml");
            assertThat(Staging.tree(replica.objectDir(NOVEMBER)).keySet())
                    .filteredOn(path -> path.startsWith("v2/content/"))
                    .containsExactly("v2/content/events/2026-11-24.xml");
            assertThat(errors(replica.root())).isEmpty();
        }
    }

    @Test
    void givesTheWholeObjectBackToAReplicaThatLostItOrHoldsAnInventoryItsSidecarDisagreesWith() throws Exception {
        archive = new Archive(tmp, "a", "b", "c");
        PackageId id = archive.store();
        log(DAY_1).append(id, audit(id));
        log(DAY_2).flush();
        archive.replica("a").delete(NOVEMBER);
        // a crash between the root inventory and its sidecar
        Files.writeString(
                archive.replica("c").objectDir(NOVEMBER).resolve("inventory.json.sha256"),
                "0".repeat(64) + "  inventory.json\n");
        log(DAY_2).append(id, audit(id));

        log(DAY_3).flush();

        Map<String, byte[]> good = Staging.tree(archive.replica("b").objectDir(NOVEMBER));
        assertThat(archive.replica("b").inventory(NOVEMBER).headVersion()).isEqualTo(2);
        for (String replica : List.of("a", "c")) {
            Map<String, byte[]> copy = Staging.tree(archive.replica(replica).objectDir(NOVEMBER));
            assertThat(copy).as(replica).containsOnlyKeys(good.keySet());
            good.forEach((path, bytes) ->
                    assertThat(copy.get(path)).as(replica + " " + path).isEqualTo(bytes));
        }
    }

    @Test
    void catchesUpAReplicaThatMissedTheLastVersionEvenWithNothingNewToWrite() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        log(DAY_1).append(id, audit(id));
        log(DAY_2).flush();
        archive.replica("b").delete(NOVEMBER);

        assertThat(log(DAY_3).flush()).isTrue();

        assertThat(archive.replica("b").inventory(NOVEMBER).files()).containsOnlyKeys("events/2026-11-23.xml");
    }

    @Test
    void writesNothingTwiceWhenADaysVersionWasWrittenButTheDayNotForgottenBeforeACrash() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        List<PremisEvent> events = audit(id);
        log(DAY_1).append(id, events);
        log(DAY_2).flush();
        logs.forEach(OcflEventLog::close);
        logs.clear();
        try (RocksEventBuffer buffer = new RocksEventBuffer(tmp.resolve("event-log/buffer"))) {
            buffer.add(LocalDate.parse("2026-11-23"), id, events); // as it was before the crash
        }

        OcflEventLog restarted = log(DAY_2);
        assertThat(restarted.flush()).isTrue();

        assertThat(restarted.pending()).isZero();
        for (Replica replica : replicas()) {
            assertThat(replica.inventory(NOVEMBER).headVersion()).isEqualTo(1);
        }
    }

    @Test
    void keepsADayNoReplicaTookBufferedAndWritesItWithTheNextFlush() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        log(DAY_1).append(id, audit(id));
        Path staging = tmp.resolve("event-log/staging");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("root"), "in the way"); // no version can be staged
        OcflEventLog log = log(DAY_2);

        assertThat(log.flush()).isFalse();

        assertThat(log.pending()).isEqualTo(1);
        assertThat(archive.replica("a").contains(NOVEMBER)).isFalse();
        Files.delete(staging.resolve("root"));

        assertThat(log.flush()).isTrue();

        assertThat(log.pending()).isZero();
        for (Replica replica : replicas()) {
            assertThat(replica.inventory(NOVEMBER).files()).containsOnlyKeys("events/2026-11-23.xml");
        }
    }

    @Test
    void indexRebuildLeavesTheEventLogObjectOut() throws Exception {
        archive = new Archive(tmp, "a", "b");
        PackageId id = archive.store();
        log(DAY_1).append(id, audit(id));
        log(DAY_2).flush();

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
