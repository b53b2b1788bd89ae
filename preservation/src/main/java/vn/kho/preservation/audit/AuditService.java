package vn.kho.preservation.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.preservation.fixity.Incident;
import vn.kho.repository.BadRequestException;
import vn.kho.repository.ConflictException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

/**
 * On-demand audits: started, followed, cancelled, resumed after a restart. Each audit runs on its own thread and
 * audits its packages in index order, {@code concurrency} at a time, within a shared read-bandwidth budget; after
 * every batch its progress and cursor are stored, so a restart repeats at most one batch (counted once). When it
 * ends its report is produced once, signed and kept.
 *
 * <p>Blocking; call it from worker threads.
 */
public final class AuditService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final AuditStore store;
    private final PackageAuditor auditor;
    private final PackageIndex index;
    private final Clock clock;
    private final PackageAudits audits;
    private final int concurrency;
    private final AuditReports reports;
    private final ExecutorService runners;
    private final ExecutorService packages;
    private final Map<UUID, AtomicBoolean> cancels = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean closing;

    /**
     * @param audits how each package is audited: the read budget and incidents it shares with the scheduler
     * @param concurrency how many packages are audited at once
     */
    public AuditService(
            AuditStore store,
            PackageAudits audits,
            PackageIndex index,
            Clock clock,
            int concurrency,
            AuditReports reports) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency < 1");
        }
        this.store = store;
        this.audits = audits;
        this.auditor = audits.auditor();
        this.index = index;
        this.clock = clock;
        this.concurrency = concurrency;
        this.reports = reports;
        this.runners = Executors.newCachedThreadPool(named("kho-audit"));
        this.packages = Executors.newFixedThreadPool(concurrency, named("kho-audit-package"));
    }

    /**
     * Starts an audit of {@code scope}; its totals are taken from the index now.
     *
     * @throws BadRequestException {@code AUDIT_REPLICA_UNKNOWN} or {@code AUDIT_PACKAGE_UNKNOWN}
     */
    public AuditRun start(AuditScope scope) {
        if (scope.replica() != null && !auditor.replicaIds().contains(scope.replica())) {
            throw new BadRequestException(
                    "AUDIT_REPLICA_UNKNOWN",
                    "no replica '" + scope.replica() + "' (replicas: " + auditor.replicaIds() + ")");
        }
        int replicas = scope.replica() == null ? auditor.replicaIds().size() : 1;
        Totals total = Totals.NONE;
        if (scope.packages().isEmpty()) {
            for (PackageId id : all()) {
                total = total.plus(auditor.size(id, replicas));
            }
        } else {
            for (String p : new HashSet<>(scope.packages())) {
                PackageId id = parse(p);
                if (index.get(id).isEmpty()) {
                    throw new BadRequestException("AUDIT_PACKAGE_UNKNOWN", "no package " + id.urn());
                }
                total = total.plus(auditor.size(id, replicas));
            }
        }
        AuditRun run = AuditRun.start(UUID.randomUUID(), scope, clock.instant(), total);
        store.put(run);
        submit(run);
        return run;
    }

    /** Resumes every audit a stop left RUNNING, after its cursor. */
    public void resume() {
        for (AuditRun run : store.list()) {
            if (run.status() == AuditStatus.RUNNING) {
                log.info("resuming audit {} after {}", run.id(), run.cursor());
                submit(run);
            }
        }
    }

    public Optional<AuditRun> get(UUID id) {
        return store.get(id);
    }

    /** Every audit, newest first. */
    public List<AuditRun> list() {
        return store.list();
    }

    /**
     * Asks a running audit to stop after its present batch.
     *
     * @throws NotFoundException {@code AUDIT_NOT_FOUND}
     * @throws ConflictException {@code AUDIT_FINISHED} when it already ended
     */
    public AuditRun cancel(UUID id) {
        AuditRun run = store.get(id).orElseThrow(() -> new NotFoundException("AUDIT_NOT_FOUND", "no audit " + id));
        AtomicBoolean flag = cancels.get(id);
        if (run.status().isFinal() || flag == null) {
            throw new ConflictException("AUDIT_FINISHED", "audit " + id + " is " + run.status() + " already");
        }
        flag.set(true);
        return run;
    }

    /** The kept report of a final audit ({@code signature}: its detached signature); empty until it ends. */
    public Optional<byte[]> report(UUID id, boolean signature) {
        return store.report(id, signature);
    }

    /** Every incident, newest first. */
    public List<Incident> incidents() {
        return store.incidents();
    }

    private void submit(AuditRun run) {
        cancels.put(run.id(), new AtomicBoolean());
        runners.execute(() -> run(run));
    }

    private void run(AuditRun start) {
        AuditRun run = start;
        AtomicBoolean cancel = cancels.get(run.id());
        Set<String> only = new HashSet<>();
        run.scope().packages().forEach(p -> only.add(parse(p).urn()));
        try {
            PackageId cursor = run.cursor() == null ? null : PackageId.parse(run.cursor());
            while (!cancel.get()) {
                List<IndexedPackage> page = index.list(cursor, concurrency);
                if (page.isEmpty()) {
                    break;
                }
                List<Future<PackageOutcome>> batch = new ArrayList<>();
                for (IndexedPackage p : page) {
                    PackageId id = p.description().id();
                    if (only.isEmpty() || only.contains(id.urn())) {
                        String replica = run.scope().replica();
                        batch.add(packages.submit(() -> auditOne(id, replica)));
                    }
                }
                List<PackageOutcome> outcomes = new ArrayList<>();
                for (Future<PackageOutcome> f : batch) {
                    outcomes.add(f.get());
                }
                cursor = page.get(page.size() - 1).description().id();
                if (closing) {
                    return; // the batch is repeated after the restart, counted once
                }
                run = run.plus(outcomes, cursor.urn());
                store.put(run);
            }
            finish(run, cancel.get() ? AuditStatus.CANCELLED : AuditStatus.COMPLETED, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: left RUNNING, resumed at the next start
        } catch (ExecutionException e) {
            fail(run, e.getCause());
        } catch (RuntimeException e) {
            fail(run, e);
        } finally {
            cancels.remove(run.id());
        }
    }

    private PackageOutcome auditOne(PackageId id, String replica) throws InterruptedException {
        PackageAudits.Audited audited = audits.audit(id, replica);
        pause(audited.waitNanos());
        return audited.outcome();
    }

    private void fail(AuditRun run, Throwable e) {
        if (closing) {
            return;
        }
        log.error("audit {} failed", run.id(), e);
        finish(run, AuditStatus.FAILED, String.valueOf(e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    private void finish(AuditRun run, AuditStatus status, String error) {
        AuditRun done = run.end(status, clock.instant(), error);
        if (store.report(done.id(), false).isEmpty()) {
            byte[] json = reports.json(done);
            store.putReport(done.id(), json, reports.sign(json));
        }
        store.put(done);
        log.info("audit {} {}: {} of {}", done.id(), status, done.done(), done.total());
    }

    private List<PackageId> all() {
        List<PackageId> out = new ArrayList<>();
        PackageId cursor = null;
        for (List<IndexedPackage> page = index.list(null, 1000); !page.isEmpty(); page = index.list(cursor, 1000)) {
            for (IndexedPackage p : page) {
                cursor = p.description().id();
                out.add(cursor);
            }
        }
        return out;
    }

    private static PackageId parse(String text) {
        try {
            return PackageId.parse(text);
        } catch (RuntimeException e) {
            throw new BadRequestException("AUDIT_PACKAGE_INVALID", "not a package id: '" + text + "'");
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Waits out the bandwidth budget, or until the service closes. */
    private void pause(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        synchronized (wake) {
            for (long left = nanos; !closing && left > 0; left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(wake, left);
            }
        }
    }

    /**
     * Stops every audit between packages (they stay RUNNING and resume at the next start) and waits for the threads.
     * A package being checked or repaired is let finish, never interrupted mid-write; one waiting for bandwidth is
     * woken.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        runners.shutdownNow();
        packages.shutdown();
        try {
            runners.awaitTermination(60, TimeUnit.SECONDS);
            packages.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
