package vn.kho.storage;

import java.time.Clock;
import java.time.Duration;
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
 * Stores a staged object on the configured replicas: the replicas that are up are written in parallel (the first one
 * on the staging filesystem takes the staged files by hard link, the others copy them), each copy is verified (every
 * content file re-read and its sha256 compared), and the call returns only when at least {@code quorum} replicas hold
 * a verified copy. A replica whose write or verification failed has the object removed again, so that it keeps no
 * partial copy; when fewer than the quorum hold a verified copy the object is removed from every replica, so that no
 * replica keeps a copy of an object that was never acknowledged, and {@link ReplicationFailedException} is thrown.
 *
 * <p>When fewer replicas than the quorum are up before the write, it waits for them, up to {@code quorumWait}, asking
 * each replica's {@link Replica#health()} every second; a replica still down is not written to.
 */
public final class ReplicatedWriter implements AutoCloseable {
    private final List<Replica> replicas;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicatedWriter.class);
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Clock clock;
    private final int quorum;
    private final Duration quorumWait;

    /**
     * Every replica must hold each object.
     *
     * @param replicas every replica that must hold each object (at least one, distinct ids)
     * @param executor runs the per-replica work; not shut down by {@link #close}
     */
    public ReplicatedWriter(List<Replica> replicas, ExecutorService executor, Clock clock) {
        this(replicas, replicas.size(), Duration.ZERO, executor, false, clock);
    }

    /** Every replica must hold each object; with its own pool of one thread per replica, shut down by {@link #close}. */
    public ReplicatedWriter(List<Replica> replicas) {
        this(replicas, replicas.size(), Duration.ZERO);
    }

    /**
     * With its own pool of one thread per replica, shut down by {@link #close}.
     *
     * @param quorum how many replicas must hold a verified copy before a write succeeds (1 to all)
     * @param quorumWait how long a write waits for enough replicas to be up
     */
    public ReplicatedWriter(List<Replica> replicas, int quorum, Duration quorumWait) {
        this(replicas, quorum, quorumWait, newPool(replicas.size()), true, Clock.systemUTC());
    }

    /** As {@link #ReplicatedWriter(List, int, Duration)}, on {@code executor} (not shut down by {@link #close}). */
    public ReplicatedWriter(
            List<Replica> replicas, int quorum, Duration quorumWait, ExecutorService executor, Clock clock) {
        this(replicas, quorum, quorumWait, executor, false, clock);
    }

    private ReplicatedWriter(
            List<Replica> replicas,
            int quorum,
            Duration quorumWait,
            ExecutorService executor,
            boolean ownsExecutor,
            Clock clock) {
        this.replicas = List.copyOf(replicas);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = ownsExecutor;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quorumWait = Objects.requireNonNull(quorumWait, "quorumWait");
        this.quorum = quorum;
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("no replica to write to");
        }
        if (quorum < 1 || quorum > this.replicas.size()) {
            throw new IllegalArgumentException(
                    "the quorum must be between 1 and the " + this.replicas.size() + " replicas, not " + quorum);
        }
        if (new HashSet<>(this.replicas.stream().map(Replica::id).toList()).size() != this.replicas.size()) {
            throw new IllegalArgumentException("two replicas share an id");
        }
    }

    /** How many replicas must hold a verified copy of each object. */
    public int quorum() {
        return quorum;
    }

    /**
     * Puts {@code object} on every replica that is up and verifies each copy.
     *
     * @param replace passed to {@link Replica#put}: true only to redo an ingest that was never acknowledged
     * @return the verified copies (at least the quorum) and the replicas left without one
     * @throws ReplicationFailedException when fewer than the quorum hold a verified copy: code
     *     {@code STORAGE_QUORUM_NOT_MET} when not enough replicas were up to try (nothing was written), else
     *     {@code STORAGE_REPLICA_FAILED}; the object has then been deleted from every replica where this call wrote it
     *     or tried to (all but those that refused with a {@code ConflictException} because the object was already
     *     there), and when {@code replace} is true from every replica, so no replica keeps a copy of the
     *     unacknowledged object
     */
    public Replication store(StagedObject object, boolean replace) {
        Map<String, String> down = new LinkedHashMap<>();
        List<Replica> up = awaitQuorum(down);
        PackageId id = object.inventory().id();
        if (up.size() < quorum) {
            throw new ReplicationFailedException(
                    "STORAGE_QUORUM_NOT_MET",
                    "object " + id.urn() + " was not stored: " + up.size() + " of " + replicas.size()
                            + " replicas are up after waiting " + quorumWait + ", " + quorum + " must hold it: "
                            + down.entrySet().stream()
                                    .map(e -> "replica " + e.getKey() + " " + e.getValue())
                                    .collect(Collectors.joining("; ")),
                    Map.of(),
                    null);
        }
        List<Future<Outcome>> futures = new ArrayList<>();
        // One replica at most may share the staged files' blocks (staging is deleted afterwards); the others copy.
        Replica linker = up.stream()
                .filter(r -> r.canLink(object.objectDir()))
                .findFirst()
                .orElse(null);
        for (Replica replica : up) {
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
                    outcomes.add(Outcome.failed(up.get(i), true, e.getCause()));
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long verified = outcomes.stream().filter(Outcome::ok).count();
        if (verified < quorum) {
            ReplicationFailedException failure = failure(id, outcomes, down);
            rollBack(id, outcomes, replace, failure);
            throw failure;
        }
        List<Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        Map<String, String> missing = new LinkedHashMap<>();
        if (!failed.isEmpty()) {
            ReplicationFailedException partial = failure(id, failed, Map.of());
            rollBack(id, failed, replace, partial);
            for (Outcome o : failed) {
                missing.put(o.replica.id(), reason(o));
            }
            log.warn(
                    "object {} stored on {} of {} replicas (quorum {}): {}",
                    id.urn(),
                    verified,
                    replicas.size(),
                    quorum,
                    partial.getMessage());
        }
        missing.putAll(down);
        List<VerifiedCopy> copies = new ArrayList<>();
        Map<String, String> missingInOrder = new LinkedHashMap<>();
        for (Replica r : replicas) {
            outcomes.stream()
                    .filter(o -> o.replica == r && o.ok())
                    .findFirst()
                    .ifPresent(o -> copies.add(new VerifiedCopy(r.id(), o.verified)));
            if (missing.containsKey(r.id())) {
                missingInOrder.put(r.id(), missing.get(r.id()));
            }
        }
        return new Replication(copies, missingInOrder);
    }

    /** The replicas that are up, waiting (bounded) for the quorum; {@code down} gets why each other one is not. */
    private List<Replica> awaitQuorum(Map<String, String> down) {
        long deadline = System.nanoTime() + quorumWait.toNanos();
        while (true) {
            down.clear();
            List<Replica> up = new ArrayList<>();
            for (Replica r : replicas) {
                ReplicaHealth health;
                try {
                    health = r.health();
                } catch (RuntimeException e) {
                    health = new ReplicaHealth(r.id(), false, e.toString());
                }
                if (health.up()) {
                    up.add(r);
                } else {
                    down.put(r.id(), "down: " + health.detail());
                }
            }
            if (up.size() >= quorum || System.nanoTime() >= deadline) {
                return up;
            }
            try {
                Thread.sleep(Math.min(1000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return up;
            }
        }
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

    private static String reason(Outcome o) {
        if (o.failure != null) {
            return o.failure.getMessage();
        }
        return "verification found "
                + o.findings.stream()
                        .filter(Finding::isError)
                        .map(f -> f.code() + " " + (f.path() == null ? "" : f.path()))
                        .collect(Collectors.joining(", "));
    }

    private static ReplicationFailedException failure(PackageId id, List<Outcome> outcomes, Map<String, String> down) {
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        Throwable cause = null;
        for (Outcome o : outcomes) {
            if (o.ok()) {
                continue;
            }
            findings.put(o.replica.id(), o.findings);
            reasons.add("replica " + o.replica.id() + ": " + reason(o));
            cause = cause == null ? o.failure : cause;
        }
        down.forEach((replica, why) -> reasons.add("replica " + replica + ": " + why));
        return new ReplicationFailedException(
                "object " + id.urn() + " was not stored: " + String.join("; ", reasons), findings, cause);
    }

    /** Removes the object from each replica of {@code outcomes} this write may have left it on. */
    private static void rollBack(
            PackageId id, List<Outcome> outcomes, boolean replace, ReplicationFailedException failure) {
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
