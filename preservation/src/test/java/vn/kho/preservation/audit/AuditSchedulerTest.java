package vn.kho.preservation.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.preservation.audit.rocksdb.RocksAuditStore;
import vn.kho.preservation.fixity.Archive;
import vn.kho.preservation.fixity.Faults;
import vn.kho.preservation.fixity.Incident;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.PackageId;
import vn.kho.storage.VerifiedReads;

/** The scheduler over a real index, real replicas and real packages, driven pass by pass with a clock it is shown. */
class AuditSchedulerTest {
    private static final Duration CYCLE = Duration.ofDays(30);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(START);
    private final List<Incident> opened = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Archive archive;
    private AuditStore store;

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private Archive archive(String... replicaIds) {
        archive = new Archive(tmp, replicaIds);
        closing.add(archive);
        store = new RocksAuditStore(tmp.resolve("audits"));
        closing.add(store);
        return archive;
    }

    private AuditScheduler scheduler() {
        PackageAuditor auditor = new PackageAuditor(
                List.copyOf(archive.replicas.values()), archive.index, tmp.resolve("audit-work"), clock, "Kho test");
        AuditScheduler scheduler = new AuditScheduler(
                archive.index,
                archive.index,
                new PackageAudits(auditor, store, clock, 1L << 40, 2, opened::add),
                clock,
                CYCLE,
                2);
        closing.add(scheduler);
        return scheduler;
    }

    @Test
    void spreadsTheCopiesOfARebuiltIndexOverTheNextCycleRatherThanMakingThemAllDueAtOnce() throws Exception {
        archive("a", "b");
        List<PackageId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(archive.store());
        }
        AuditScheduler scheduler = scheduler();

        assertThat(scheduler.scheduleUnscheduled()).isEqualTo(10);

        Set<Instant> dues = new HashSet<>();
        for (PackageId id : ids) {
            for (String r : List.of("a", "b")) {
                Instant due = archive.index.nextDue(id, r).orElseThrow();
                assertThat(due).isBetween(START, START.plus(CYCLE).minusMillis(1));
                dues.add(due);
            }
        }
        assertThat(dues).hasSizeGreaterThan(1);
        assertThat(scheduler.scheduleUnscheduled())
                .as("nothing left unscheduled")
                .isZero();
        assertThat(scheduler.runOnce())
                .as("nothing is due at the start of the cycle")
                .isZero();
    }

    @Test
    void checksTheCopiesDueAsTheClockMovesAndSchedulesEachOneCycleLater() throws Exception {
        archive("a", "b");
        PackageId first = archive.store();
        PackageId second = archive.store();
        AuditScheduler scheduler = scheduler();
        archive.index.schedule(first, "a", START.plusSeconds(10));
        archive.index.schedule(first, "b", START.plusSeconds(20));
        archive.index.schedule(second, "a", START.plusSeconds(30));
        archive.index.schedule(second, "b", START.plus(Duration.ofDays(3)));

        assertThat(scheduler.runOnce()).isZero();

        clock.set(START.plusSeconds(25));
        assertThat(scheduler.runOnce()).isEqualTo(2);
        assertThat(archive.index.nextDue(first, "a"))
                .contains(START.plusSeconds(25).plus(CYCLE));
        assertThat(archive.index.nextDue(first, "b"))
                .contains(START.plusSeconds(25).plus(CYCLE));
        assertThat(archive.index.nextDue(second, "a")).contains(START.plusSeconds(30));
        assertThat(scheduler.counters().copiesChecked()).isEqualTo(2);
        assertThat(scheduler.counters().bytesRead()).isPositive();
        assertThat(scheduler.counters().badCopies()).isZero();

        clock.set(START.plusSeconds(40));
        assertThat(scheduler.runOnce()).isEqualTo(1);
        assertThat(archive.index.nextDue(second, "a"))
                .contains(START.plusSeconds(40).plus(CYCLE));
        assertThat(scheduler.runOnce()).as("each due copy is checked once").isZero();
        assertThat(scheduler.counters().copiesChecked()).isEqualTo(3);
    }

    @Test
    void findsAFlippedBitInADueCopyAndRepairsItFromAnotherReplica() throws Exception {
        archive("a", "b");
        PackageId id = archive.store();
        AuditScheduler scheduler = scheduler();
        archive.index.schedule(id, "a", START);
        archive.index.schedule(id, "b", START.plus(Duration.ofDays(9)));
        Path photo = archive.file("a", id, Archive.PHOTO);
        byte[] good = Files.readAllBytes(photo);
        Faults.flipBit(photo);

        assertThat(scheduler.runOnce()).isEqualTo(1);

        assertThat(Files.readAllBytes(archive.file("a", id, Archive.PHOTO))).isEqualTo(good);
        assertThat(scheduler.counters().badCopies()).isEqualTo(1);
        assertThat(scheduler.counters().repairs()).isPositive();
        // repairing audited every replica's copy: both are due a cycle from now
        assertThat(archive.index.nextDue(id, "a")).contains(START.plus(CYCLE));
        assertThat(archive.index.nextDue(id, "b")).contains(START.plus(CYCLE));
        assertThat(store.incidents()).isEmpty();
    }

    @Test
    void opensOneIncidentForACopyBeyondRepairAndAnnouncesItOnceAcrossCycles() throws Exception {
        archive("a");
        PackageId id = archive.store();
        AuditScheduler scheduler = scheduler();
        archive.index.schedule(id, "a", START);
        Faults.flipBit(archive.file("a", id, Archive.PHOTO));

        scheduler.runOnce();
        clock.set(START.plus(CYCLE));
        assertThat(scheduler.runOnce()).isEqualTo(1);

        assertThat(store.incidents()).singleElement().satisfies(i -> assertThat(i.packageId())
                .isEqualTo(id));
        assertThat(opened).hasSize(1);
        assertThat(archive.index.nextDue(id, "a")).contains(START.plus(CYCLE).plus(CYCLE));
    }

    @Test
    void checkSoonMakesACopyDueNow() throws Exception {
        archive("a", "b");
        PackageId id = archive.store();
        AuditScheduler scheduler = scheduler();
        scheduler.scheduleNew(id);
        archive.index.schedule(id, "b", START.plus(Duration.ofDays(20)));
        clock.set(START.plusSeconds(60));

        scheduler.checkSoon(id, "b");

        assertThat(archive.index.nextDue(id, "b")).contains(START.plusSeconds(60));
        assertThat(archive.index.due(clock.instant(), 10)).anySatisfy(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.replicaId()).isEqualTo("b");
        });
    }

    @Test
    void aDownloadThatFindsACopyBadMakesItDueNow() throws Exception {
        archive("a");
        PackageId id = archive.store();
        AuditScheduler scheduler = scheduler();
        scheduler.scheduleNew(id);
        clock.set(START.plusSeconds(5));
        VerifiedReads reads = new VerifiedReads(
                Map.of("a", archive.replica("a")),
                archive.index,
                1L << 30,
                clock,
                (pkg, replica, outcome) -> scheduler.checkSoon(pkg, replica));
        Faults.flipBit(archive.file("a", id, Archive.METS));

        assertThatThrownBy(() -> reads.choose(id, Archive.METS)).isInstanceOf(FixityMismatchException.class);

        assertThat(archive.index.nextDue(id, "a")).contains(START.plusSeconds(5));
        assertThat(scheduler.runOnce()).isEqualTo(1);
        assertThat(opened).as("one replica: the bad copy cannot be repaired").hasSize(1);
    }

    @Test
    void resumesFromTheScheduleAfterACloseWithoutCheckingAgainWhatIsNotDue() throws Exception {
        archive("a", "b");
        PackageId id = archive.store();
        AuditScheduler before = scheduler();
        archive.index.schedule(id, "a", START);
        archive.index.schedule(id, "b", START.plus(Duration.ofDays(2)));
        assertThat(before.runOnce()).isEqualTo(1);
        before.close();

        AuditScheduler after = scheduler();
        assertThat(after.scheduleUnscheduled()).isZero();
        assertThat(after.runOnce()).isZero();
        clock.set(START.plus(Duration.ofDays(2)));
        assertThat(after.runOnce()).isEqualTo(1);
        assertThat(after.counters().copiesChecked()).isEqualTo(1);
        assertThat(archive.index.nextDue(id, "a")).contains(START.plus(CYCLE));
        assertThat(archive.index.nextDue(id, "b"))
                .contains(START.plus(Duration.ofDays(2)).plus(CYCLE));
    }

    @Test
    void theBackgroundThreadChecksACopyItIsNudgedAboutAndStopsPromptlyOnClose() throws Exception {
        archive("a", "b");
        PackageId id = archive.store();
        AuditScheduler scheduler = scheduler();
        scheduler.start(); // schedules both copies, spread over the cycle
        assertThat(archive.index.scheduled()).isEqualTo(2);

        scheduler.checkSoon(id, "a");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (scheduler.counters().copiesChecked() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(scheduler.counters().copiesChecked()).isEqualTo(1);

        long t0 = System.nanoTime();
        scheduler.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
