package vn.kho.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import vn.kho.repository.ConflictException;
import vn.kho.repository.Finding;
import vn.kho.repository.Findings;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;

/**
 * Stores a staged object on every configured replica: all replicas are written in parallel (the first one on the
 * staging filesystem takes the staged files by hard link, the others copy them), each copy is verified
 * (every content file re-read and its sha256 compared), and the call returns only when every replica holds a verified
 * copy. If any write or verification fails the object is removed again, so that no replica keeps a copy of an object
 * that was never acknowledged, and {@link ReplicationFailedException} is thrown.
 */
public final class ReplicatedWriter implements AutoCloseable {
    private final List<Replica> replicas;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicatedWriter.class);
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Clock clock;

    /**
     * @param replicas every replica that must hold each object (at least one, distinct ids)
     * @param executor runs the per-replica work; not shut down by {@link #close}
     */
    public ReplicatedWriter(List<Replica> replicas, ExecutorService executor, Clock clock) {
        this(replicas, executor, false, clock);
    }

    /** With its own pool of one thread per replica, shut down by {@link #close}. */
    public ReplicatedWriter(List<Replica> replicas) {
        this(replicas, newPool(replicas.size()), true, Clock.systemUTC());
    }

    private ReplicatedWriter(List<Replica> replicas, ExecutorService executor, boolean ownsExecutor, Clock clock) {
        this.replicas = List.copyOf(replicas);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = ownsExecutor;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("no replica to write to");
        }
        if (new HashSet<>(this.replicas.stream().map(Replica::id).toList()).size() != this.replicas.size()) {
            throw new IllegalArgumentException("two replicas share an id");
        }
    }

    /**
     * Puts {@code object} on every replica and verifies each copy.
     *
     * @param replace passed to {@link Replica#put}: true only to redo an ingest that was never acknowledged
     * @return one verified copy per replica, in the configured order, for the index's {@link CopyStatus}
     * @throws ReplicationFailedException if any replica failed; the object has then been deleted from every replica
     *     where this call wrote it or tried to (all but those that refused with a {@code ConflictException} because
     *     the object was already there), and when {@code replace} is true from every replica, so no replica keeps a
     *     copy of the unacknowledged object (code {@code STORAGE_REPLICA_FAILED})
     */
    public List<VerifiedCopy> store(StagedObject object, boolean replace) {
        List<Future<Outcome>> futures = new ArrayList<>();
        // One replica at most may share the staged files' blocks (staging is deleted afterwards); the others copy.
        Replica linker = replicas.stream()
                .filter(r -> r.canLink(object.objectDir()))
                .findFirst()
                .orElse(null);
        for (Replica replica : replicas) {
            StagedObject offered = replica == linker ? object.offeredForLinking() : object;
            futures.add(executor.submit(() -> copyTo(replica, offered, replace)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        boolean interrupted = false;
        for (int i = 0; i < futures.size(); i++) {
            while (true) {
                try {
                    outcomes.add(futures.get(i).get());
                    break;
                } catch (InterruptedException e) {
                    // every write must be accounted for (and perhaps rolled back) before returning
                    interrupted = true;
                } catch (ExecutionException e) {
                    outcomes.add(Outcome.failed(replicas.get(i), true, e.getCause()));
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcomes.stream().allMatch(Outcome::ok)) {
            return outcomes.stream()
                    .map(o -> new VerifiedCopy(o.replica.id(), o.verified))
                    .toList();
        }
        throw rollBack(object.inventory().id(), outcomes, replace);
    }

    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdown();
        }
    }

    private Outcome copyTo(Replica replica, StagedObject object, boolean replace) {
        long start = System.nanoTime();
        try {
            replica.put(object, replace);
        } catch (ConflictException e) {
            // the object was there before this call: someone else's, not to be rolled back
            return Outcome.failed(replica, false, e);
        } catch (RuntimeException e) {
            // A put that failed may still have published the object (e.g. the fsync after the rename failed):
            // treat it as written so that the roll-back removes it.
            return Outcome.failed(replica, true, e);
        }
        long copied = System.nanoTime();
        try {
            List<Finding> findings = replica.verify(object.inventory().id(), object.inventory());
            log.info(
                    "replica {}: {} written durably in {} ms, re-read and compared in {} ms{}",
                    replica.id(),
                    object.inventory().id(),
                    (copied - start) / 1_000_000,
                    (System.nanoTime() - copied) / 1_000_000,
                    object.linkable() ? " (offered the staged files by hard link)" : "");
            if (Findings.hasErrors(findings)) {
                return new Outcome(replica, true, findings, null, null);
            }
            return new Outcome(replica, true, List.of(), null, clock.instant());
        } catch (RuntimeException e) {
            return Outcome.failed(
                    replica,
                    true,
                    new StorageFailureException("STORAGE_VERIFY_FAILED", "verification failed: " + e.getMessage(), e));
        }
    }

    private ReplicationFailedException rollBack(PackageId id, List<Outcome> outcomes, boolean replace) {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        Throwable cause = null;
        for (Outcome o : outcomes) {
            if (o.ok()) {
                continue;
            }
            findings.put(o.replica.id(), o.findings);
            if (o.failure != null) {
                reasons.add("replica " + o.replica.id() + ": " + o.failure.getMessage());
                cause = cause == null ? o.failure : cause;
            } else {
                reasons.add("replica " + o.replica.id() + ": verification found "
                        + o.findings.stream()
                                .filter(Finding::isError)
                                .map(f -> f.code() + " " + (f.path() == null ? "" : f.path()))
                                .collect(Collectors.joining(", ")));
            }
        }
        ReplicationFailedException failure = new ReplicationFailedException(
                "object " + id.urn() + " was not stored: " + String.join("; ", reasons), findings, cause);
        for (Outcome o : outcomes) {
            // A write that failed with replace=false left nothing (or found someone else's object: not ours to
            // delete). With replace=true the replica's previous copy was never acknowledged either: remove it too.
            if (o.written || replace) {
                try {
                    o.replica.delete(id);
                } catch (RuntimeException e) {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    private static ExecutorService newPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "kho-replica-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private record Outcome(
            Replica replica, boolean written, List<Finding> findings, Throwable failure, Instant verified) {
        static Outcome failed(Replica replica, boolean written, Throwable failure) {
            return new Outcome(replica, written, List.of(), failure, null);
        }

        boolean ok() {
            return verified != null;
        }
    }
}
