package vn.kho.preservation.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.storage.CopySchedule;
import vn.kho.storage.CopySchedule.DueCopy;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

/**
 * Verifies every copy (a package's object on one replica) once per {@code cycle}, working from the due-queue kept in
 * the index ({@link CopySchedule}), so finding due work never scans the archive and a restart carries on where the
 * last run stopped. A copy checked (whole, or repaired, or found beyond repair) is due again one cycle later. A copy
 * scheduled for the first time is given a due time spread over the next cycle by a hash of its package and replica,
 * so a freshly rebuilt or upgraded archive is not all due at once.
 *
 * <p>Checks go through the same {@link PackageAudits} as on-demand audits: one read budget for both, one incident per
 * DAMAGED package. A bad copy found on its replica is repaired by a full audit of its package, which checks every copy
 * of that package; all of them are then due a cycle later.
 *
 * <p>The scheduler also catches up replicas ({@link #catchUp}): a copy a replica lacks is made due at once, and its
 * check, finding it missing, restores it from a verified copy on another replica (a PREMIS {@code replication} event
 * in the event log, the package ACTIVE again and its incident resolved).
 *
 * <p>{@link #start} runs passes ({@link #runOnce}) on a thread of its own; between passes it sleeps until the first
 * copy is due (at most {@link #MAX_SLEEP}) or until {@link #nudge}d.
 */
public final class AuditScheduler implements AutoCloseable {
    /** The longest sleep between passes, so that a clock change or a missed nudge costs at most this. */
    public static final Duration MAX_SLEEP = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(AuditScheduler.class);
    /** After a check that failed with an error (not a finding), try the copy again this much later (or a cycle). */
    private static final Duration RETRY = Duration.ofHours(1);

    private final CopySchedule schedule;
    private final PackageIndex index;
    private final PackageAudits audits;
    private final Clock clock;
    private final Duration cycle;
    private final int concurrency;
    private final ExecutorService workers;
    private final Object wake = new Object();
    private final AtomicLong copiesChecked = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong badCopies = new AtomicLong();
    private final AtomicLong repairs = new AtomicLong();
    private boolean nudged;
    private volatile boolean closing;
    private Thread thread;

    /**
     * @param cycle how often every copy is checked
     * @param concurrency how many packages are checked at once
     */
    public AuditScheduler(
            CopySchedule schedule,
            PackageIndex index,
            PackageAudits audits,
            Clock clock,
            Duration cycle,
            int concurrency) {
        if (cycle.isNegative() || cycle.isZero()) {
            throw new IllegalArgumentException("cycle must be positive");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency < 1");
        }
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.index = Objects.requireNonNull(index, "index");
        this.audits = Objects.requireNonNull(audits, "audits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cycle = cycle;
        this.concurrency = concurrency;
        this.workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "kho-fixity-scheduler-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** What the scheduler has done since it was built: copies checked, bytes read, bad file copies, repairs. */
    public record Counters(long copiesChecked, long bytesRead, long badCopies, long repairs) {}

    public Counters counters() {
        return new Counters(copiesChecked.get(), bytesRead.get(), badCopies.get(), repairs.get());
    }

    /**
     * Schedules every copy not yet scheduled (all of them after an index rebuild; those of packages stored while the
     * scheduler was off), then starts the background thread.
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        int added = scheduleUnscheduled();
        if (added > 0) {
            log.info("fixity schedule: {} copies scheduled over the next {}", added, cycle);
        }
        int missing = catchUp();
        if (missing > 0) {
            log.info("replication catch-up: {} copies that replicas lack are due now", missing);
        }
        thread = new Thread(this::loop, "kho-fixity-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Gives every copy of every indexed package that has no due time one spread over the next cycle. Reads the whole
     * index only when the schedule holds fewer copies than the index has packages times replicas.
     *
     * @return how many copies were scheduled
     */
    public int scheduleUnscheduled() {
        List<String> replicas = audits.auditor().replicaIds();
        if (schedule.scheduled() >= index.count() * replicas.size()) {
            return 0;
        }
        int added = 0;
        PackageId cursor = null;
        for (List<IndexedPackage> page = index.list(null, 1000); !page.isEmpty(); page = index.list(cursor, 1000)) {
            for (IndexedPackage p : page) {
                cursor = p.description().id();
                added += scheduleNew(cursor);
            }
        }
        return added;
    }

    /**
     * Schedules the copies of a package just stored (or found unscheduled), spread over the next cycle; copies already
     * scheduled keep their time.
     *
     * @return how many copies were scheduled
     */
    public int scheduleNew(PackageId id) {
        Instant now = clock.instant();
        int added = 0;
        for (String replica : audits.auditor().replicaIds()) {
            if (schedule.nextDue(id, replica).isEmpty()) {
                schedule.schedule(id, replica, spread(now, id, replica));
                added++;
            }
        }
        if (index.get(id).map(p -> p.state() == PackageState.UNDER_REPLICATED).orElse(false) && catchUp(id) > 0) {
            nudge(); // stored on the quorum only: copy it to the others as soon as they take it
        }
        return added;
    }

    /**
     * Makes every copy that a configured replica lacks due now, so that its check (finding it missing) restores it
     * from a verified copy: the copies of packages stored while a replica was down (UNDER_REPLICATED), and every copy
     * of a replica newly added to the configuration. Reads the whole index; run at start. The copies go through the
     * same read budget and concurrency as every audit, and as the due-queue is kept in the index, a restart carries on
     * with those not yet copied.
     *
     * @return how many copies were made due
     */
    public int catchUp() {
        int due = 0;
        PackageId cursor = null;
        for (List<IndexedPackage> page = index.list(null, 1000); !page.isEmpty(); page = index.list(cursor, 1000)) {
            for (IndexedPackage p : page) {
                cursor = p.description().id();
                due += catchUp(cursor);
            }
        }
        if (due > 0) {
            nudge();
        }
        return due;
    }

    /** Makes the copies of {@code id} that a configured replica lacks (a file MISSING or never recorded) due now. */
    private int catchUp(PackageId id) {
        List<String> replicas = audits.auditor().replicaIds();
        java.util.Set<String> lacking = new java.util.LinkedHashSet<>();
        for (var file : index.files(id)) {
            for (String replica : replicas) {
                boolean held = file.copies().stream()
                        .anyMatch(c -> c.replicaId().equals(replica) && !"MISSING".equals(c.outcome()));
                if (!held) {
                    lacking.add(replica);
                }
            }
        }
        Instant now = clock.instant();
        for (String replica : lacking) {
            schedule.schedule(id, replica, now);
        }
        return lacking.size();
    }

    /**
     * Makes the copy of {@code id} on {@code replicaId} due now, and wakes the scheduler: after a read found it bad, or
     * after it was repaired.
     */
    public void checkSoon(PackageId id, String replicaId) {
        schedule.schedule(id, replicaId, clock.instant());
        nudge();
    }

    /**
     * Makes every copy on {@code replicaId} due now: after the replica came back from being unreachable. Reads the
     * whole index, as such events are rare.
     */
    public void checkReplica(String replicaId) {
        Instant now = clock.instant();
        PackageId cursor = null;
        for (List<IndexedPackage> page = index.list(null, 1000); !page.isEmpty(); page = index.list(cursor, 1000)) {
            for (IndexedPackage p : page) {
                cursor = p.description().id();
                schedule.schedule(cursor, replicaId, now);
            }
        }
        nudge();
    }

    /** Wakes the background thread to look for due copies now. */
    public void nudge() {
        synchronized (wake) {
            nudged = true;
            wake.notifyAll();
        }
    }

    /**
     * Checks the copies due now, at most {@code concurrency} packages at a time, and reschedules each a cycle later. A
     * package's due copies are checked one after another by one worker, so a repair never races another check of the
     * same package. Blocking.
     *
     * @return how many due copies were taken (0 when nothing is due)
     */
    public int runOnce() throws InterruptedException {
        if (closing) {
            return 0;
        }
        List<DueCopy> due = schedule.due(clock.instant(), concurrency * 8);
        Map<PackageId, List<String>> byPackage = new LinkedHashMap<>();
        for (DueCopy copy : due) {
            byPackage.computeIfAbsent(copy.id(), k -> new ArrayList<>()).add(copy.replicaId());
        }
        List<Future<?>> running = new ArrayList<>();
        for (Map.Entry<PackageId, List<String>> e : byPackage.entrySet()) {
            running.add(workers.submit(() -> {
                checkPackage(e.getKey(), e.getValue());
                return null;
            }));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                log.error("fixity scheduler: a check failed", e.getCause());
            }
        }
        return due.size();
    }

    private void checkPackage(PackageId id, List<String> replicas) throws InterruptedException {
        List<String> known = audits.auditor().replicaIds();
        for (String replica : replicas) {
            if (closing) {
                return; // still due: checked after the restart
            }
            if (index.get(id).isEmpty()) {
                schedule.unschedule(id); // removed meanwhile (e.g. an ingest rolled back)
                return;
            }
            if (!known.contains(replica)) {
                log.warn("fixity scheduler: copy of {} on replica '{}', which is no longer configured", id, replica);
                schedule.schedule(id, replica, clock.instant().plus(cycle));
                continue;
            }
            PackageAudits.Audited audited;
            try {
                audited = audits.audit(id, replica);
            } catch (RuntimeException e) {
                Duration retry = RETRY.compareTo(cycle) < 0 ? RETRY : cycle;
                log.error("fixity scheduler: checking {} on {} failed; retrying in {}", id, replica, retry, e);
                schedule.schedule(id, replica, clock.instant().plus(retry));
                continue;
            }
            PackageOutcome outcome = audited.outcome();
            copiesChecked.addAndGet(audited.everyReplica() ? known.size() : 1);
            bytesRead.addAndGet(outcome.bytesRead());
            badCopies.addAndGet(outcome.findings().size());
            repairs.addAndGet(outcome.repairs().size());
            if (!outcome.findings().isEmpty()) {
                log.warn(
                        "fixity scheduler: {} bad copies of {} found, {} repairs{}",
                        outcome.findings().size(),
                        id,
                        outcome.repairs().size(),
                        outcome.incidentId() == null ? "" : ", incident " + outcome.incidentId());
            }
            Instant next = clock.instant().plus(cycle);
            if (audited.everyReplica()) {
                for (String r : known) {
                    schedule.schedule(id, r, next);
                }
                pause(audited.waitNanos());
                return; // every copy of the package was just checked
            }
            schedule.schedule(id, replica, next);
            pause(audited.waitNanos());
        }
    }

    /** A due time in [now, now + cycle), the same for the same copy and cycle. */
    Instant spread(Instant now, PackageId id, String replica) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((id.urn() + "\n" + replica).getBytes(StandardCharsets.UTF_8));
            long offset = Math.floorMod(ByteBuffer.wrap(hash).getLong(), cycle.toMillis());
            return now.plusMillis(offset);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void loop() {
        while (!closing) {
            try {
                if (runOnce() == 0) {
                    sleepUntilDue();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("fixity scheduler: a pass failed; trying again in {}", MAX_SLEEP, e);
                sleep(MAX_SLEEP.toNanos());
            }
        }
    }

    private void sleepUntilDue() {
        long nanos = MAX_SLEEP.toNanos();
        var first = schedule.first();
        if (first.isPresent()) {
            Duration until = Duration.between(clock.instant(), first.get().due());
            nanos = Math.max(0, Math.min(nanos, until.toNanos()));
        }
        sleep(nanos);
    }

    /** Sleeps {@code nanos}, or until nudged or closed. */
    private void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        synchronized (wake) {
            try {
                for (long left = nanos; !closing && !nudged && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nudged = false;
        }
    }

    /** Waits out the read budget, or until closed (never interrupting a check). */
    private void pause(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        synchronized (wake) {
            for (long left = nanos; !closing && left > 0; left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(wake, left);
            }
        }
    }

    /**
     * Stops between packages: a package being checked or repaired is let finish, never interrupted mid-write; copies
     * not yet checked stay due and are checked after the next start.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        workers.shutdown();
        try {
            if (t != null) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            workers.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
