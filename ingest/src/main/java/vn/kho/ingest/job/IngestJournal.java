package vn.kho.ingest.job;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.kho.repository.PackageId;

/**
 * The durable journal of operational state that no replica holds: ingest jobs (rejected ones included), which job
 * claimed which package id, and which package graphs still wait for publication. Every write is durable when the
 * method returns (synced write-ahead log). It is backed up, never rebuilt.
 */
public interface IngestJournal extends AutoCloseable {
    void put(IngestJob job);

    /**
     * Writes a job in its final state together with its receipt, in one atomic write: a final job always has its
     * receipt. A receipt is written once; a second one for the same job is refused ({@link IllegalStateException}).
     */
    void putFinal(IngestJob job, Receipt receipt);

    /** The receipt of a final job, as issued; empty for a job not final yet (or ended before receipts existed). */
    Optional<Receipt> receipt(UUID id);

    Optional<IngestJob> get(UUID id);

    /** Jobs in id order after {@code after} (exclusive, null for the first page). */
    List<IngestJob> list(UUID after, int limit);

    /** Jobs not yet in a final state: the work a restart must finish or roll back. */
    List<IngestJob> unfinished();

    /** The newest job whose upload had this sha256, if any. */
    Optional<IngestJob> findByUploadDigest(String sha256);

    /**
     * Claims {@code pkg} for {@code job} unless another job holds it (a job whose status is not REJECTED or FAILED).
     * Returns the holder when the claim is refused.
     */
    Optional<UUID> claim(PackageId pkg, UUID job);

    /** Releases {@code pkg} if {@code job} holds it. */
    void release(PackageId pkg, UUID job);

    /** Marks a package's graph as waiting for publication (or for removal, when {@code publish} is false). */
    void markGraphPending(PackageId pkg, boolean publish);

    /** Pending graph publications: package id → true to publish, false to remove. */
    java.util.Map<PackageId, Boolean> pendingGraphs(int limit);

    void clearGraphPending(PackageId pkg);

    @Override
    void close();

    /** A job holds its package claim unless it ended without storing it. */
    static boolean holdsClaim(IngestJob job) {
        return job.status() != IngestStatus.REJECTED && job.status() != IngestStatus.FAILED;
    }
}
