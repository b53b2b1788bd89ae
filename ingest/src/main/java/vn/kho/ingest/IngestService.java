package vn.kho.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestJournal;
import vn.kho.ingest.job.IngestStatus;
import vn.kho.repository.BadRequestException;
import vn.kho.storage.ocfl.DurableFiles;

/**
 * The ingest job state machine around {@link IngestPipeline}: takes uploads that are safely on the staging disk,
 * journals them before they are acknowledged, runs them on a bounded pool, and after a restart finishes what was
 * interrupted.
 *
 * <p>Staging layout: {@code uploads/<random>.part} while a request streams in; {@code jobs/<ingest id>/upload.zip}
 * once acknowledged, beside the job's working folders. The upload stays until the job is final, so any step can be
 * redone from it.
 */
public final class IngestService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final String UPLOAD = "upload.zip";

    /** Interrupted jobs whose roll-back could not reach every replica at this start: not run again until a later one. */
    private final Set<UUID> heldBack = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final IngestJournal journal;
    private final IngestPipeline pipeline;
    private final Path staging;
    private final Clock clock;
    private final ExecutorService workers;
    /** The jobs whose run is under way on a worker. */
    private final java.util.Set<UUID> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final java.util.concurrent.ConcurrentHashMap<UUID, java.util.concurrent.CompletableFuture<IngestJob>>
            waiting = new java.util.concurrent.ConcurrentHashMap<>();

    public IngestService(IngestJournal journal, IngestPipeline pipeline, Path staging, int workerCount, Clock clock) {
        this.journal = journal;
        this.pipeline = pipeline;
        this.staging = staging;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "kho-ingest-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(workerCount, tf);
        try {
            Files.createDirectories(uploadsDir());
            Files.createDirectories(jobsDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a new upload should be streamed to (a fresh name in the uploads folder). */
    public Path newUploadFile() {
        return uploadsDir().resolve(UUID.randomUUID() + ".part");
    }

    /** What {@link #accept} did with an upload. */
    public record Accepted(IngestJob job, boolean duplicate) {}

    /**
     * Takes a complete upload. When {@code claimedSha256} is present it must equal {@code sha256} (else
     * {@code UPLOAD_DIGEST_MISMATCH} and the upload is deleted). An upload identical to an earlier one whose ingest
     * did not fail returns that ingest instead of starting a second.
     *
     * <p>Otherwise the upload is moved into its job folder, the job journaled (durably, with the upload's sha256) and
     * queued, so checking starts at once; meanwhile the upload itself is fsynced, and only then does this return, so
     * the caller acknowledges nothing that is not on disk. Should Kho crash before that fsync completed, the restart
     * finds the upload's digest wrong and fails the job ({@link #recover()}): it was never acknowledged.
     */
    public Accepted accept(Path upload, String sha256, long size, Optional<String> claimedSha256) {
        IngestJob job;
        Path file;
        synchronized (this) {
            try {
                if (claimedSha256.isPresent() && !claimedSha256.get().equals(sha256)) {
                    Files.deleteIfExists(upload);
                    throw new BadRequestException(
                            "UPLOAD_DIGEST_MISMATCH",
                            "Content-Digest says sha-256 " + claimedSha256.get() + " but the body received has "
                                    + sha256 + " (" + size
                                    + " bytes): the upload was damaged or truncated; nothing was stored");
                }
                Optional<IngestJob> earlier = journal.findByUploadDigest(sha256);
                if (earlier.isPresent() && earlier.get().status() != IngestStatus.FAILED) {
                    Files.deleteIfExists(upload);
                    return new Accepted(earlier.get(), true);
                }
                job = IngestJob.received(UUID.randomUUID(), clock.instant(), sha256, size);
                Path dir = jobsDir().resolve(job.id().toString());
                Files.createDirectories(dir);
                file = dir.resolve(UPLOAD);
                Files.move(upload, file, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(dir);
                fsyncDirectory(jobsDir());
                journal.put(job);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        submit(job.id());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (java.nio.file.NoSuchFileException e) {
            // the ingest already finished and removed its staging folder; its outcome is in the journal
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Accepted(job, false);
    }

    /** The receipt of a finished ingest, as issued when it ended. */
    public Optional<vn.kho.ingest.job.Receipt> receipt(UUID id) {
        return journal.receipt(id);
    }

    public Optional<IngestJob> get(UUID id) {
        return journal.get(id);
    }

    public List<IngestJob> list(UUID after, int limit) {
        return journal.list(after, limit);
    }

    /**
     * Run once at start, before the index may be rebuilt and before serving: removes uploads that were never
     * acknowledged and folders of final jobs, and rolls back every ingest a crash interrupted while it was storing
     * (its object is removed from every replica and from the index), so no partial or unacknowledged object stays
     * visible. Returns the interrupted jobs, which {@link #resume()} then runs again from their uploads.
     */
    public List<IngestJob> recover() {
        try {
            deleteChildren(uploadsDir(), p -> true);
            List<IngestJob> unfinished = journal.unfinished();
            Set<String> keep = new HashSet<>();
            unfinished.forEach(j -> keep.add(j.id().toString()));
            deleteChildren(jobsDir(), p -> !keep.contains(p.getFileName().toString()));
            List<IngestJob> resumable = new java.util.ArrayList<>();
            for (IngestJob job : unfinished) {
                log.info("rolling back interrupted ingest {} (was {})", job.id(), job.status());
                try {
                    pipeline.rollback(job);
                } catch (vn.kho.repository.KhoException e) {
                    // a replica that cannot be reached now may hold part of it: the job stays interrupted, its
                    // upload kept, and is rolled back (then run again) at a later start
                    log.error(
                            "ingest {} stays interrupted until its roll-back can reach every replica: {}",
                            job.id(),
                            e.getMessage());
                    heldBack.add(job.id());
                    continue;
                }
                Path upload = jobsDir().resolve(job.id().toString()).resolve(UPLOAD);
                if (uploadIntact(upload, job)) {
                    resumable.add(job);
                } else {
                    pipeline.failUnacknowledged(job, jobsDir().resolve(job.id().toString()));
                }
            }
            return resumable;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An upload is intact when it still has the sha256 it was journaled with. */
    private static boolean uploadIntact(Path upload, IngestJob job) throws IOException {
        if (!Files.isRegularFile(upload) || Files.size(upload) != job.uploadSize()) {
            return false;
        }
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (var in = Files.newInputStream(upload)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest()).equals(job.uploadSha256());
    }

    /** Queues every unfinished job again; call after {@link #recover()} once Kho is ready. */
    public void resume() {
        journal.unfinished().stream()
                .filter(job -> !heldBack.contains(job.id()))
                .forEach(job -> submit(job.id()));
    }

    /**
     * Completes when the job reaches a final state (at once if it already has); empty for an unknown id. For clients
     * that follow an ingest without polling. A job counts as final once its run has ended too: the journal records the
     * final state (with the receipt) a moment before the run removes the job's staging folder, and a client told
     * "final" must find nothing left behind.
     */
    public Optional<java.util.concurrent.CompletableFuture<IngestJob>> whenFinal(UUID id) {
        Optional<IngestJob> now = journal.get(id);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (now.get().status().isFinal() && !running.contains(id)) {
            return Optional.of(java.util.concurrent.CompletableFuture.completedFuture(now.get()));
        }
        var future = waiting.computeIfAbsent(id, k -> new java.util.concurrent.CompletableFuture<>());
        if (!running.contains(id)) {
            journal.get(id).filter(j -> j.status().isFinal()).ifPresent(j -> complete(id));
        }
        return Optional.of(future);
    }

    private void complete(UUID id) {
        var future = waiting.remove(id);
        if (future != null) {
            journal.get(id).ifPresent(future::complete);
        }
    }

    private void submit(UUID id) {
        workers.execute(() -> {
            running.add(id);
            try {
                pipeline.run(id, jobsDir().resolve(id.toString()));
            } catch (RuntimeException e) {
                log.error("ingest {} ended with an internal error", id, e);
            } finally {
                running.remove(id);
                complete(id);
            }
        });
    }

    /**
     * Stops taking work and waits up to {@code grace} for running ingests; what is still running then stays in the
     * journal and is resumed at the next start.
     */
    public void shutdown(Duration grace) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("ingests still running at shutdown; they resume at the next start");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    private Path uploadsDir() {
        return staging.resolve("uploads");
    }

    private Path jobsDir() {
        return staging.resolve("jobs");
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteChildren(Path dir, java.util.function.Predicate<Path> which) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (which.test(p)) {
                    DurableFiles.deleteTree(p);
                }
            }
        }
    }
}
