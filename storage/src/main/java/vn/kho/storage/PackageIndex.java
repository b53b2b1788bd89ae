package vn.kho.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;

/**
 * The fixity index: derived from the replicas, rebuildable from them alone. Holds every package (id, version,
 * descriptive record, state, events) and every file of every package with its copies on each replica.
 */
public interface PackageIndex extends AutoCloseable {
    /** Writes (or replaces) a package and all its files in one atomic batch. */
    void put(IndexedPackage pkg, List<IndexedFile> files);

    Optional<IndexedPackage> get(PackageId id);

    /** Packages in id order, starting after {@code after} (exclusive; null for the first page). */
    List<IndexedPackage> list(PackageId after, int limit);

    long count();

    List<IndexedFile> files(PackageId id);

    Optional<IndexedFile> file(PackageId id, String logicalPath);

    /** Records the outcome of re-reading one copy. */
    void recordVerification(PackageId id, String logicalPath, String replicaId, Instant when, String outcome);

    /** The outcome of re-reading one copy of one file. */
    record Verification(String logicalPath, String replicaId, Instant when, String outcome) {}

    /**
     * Records many outcomes for the files of one package at once, as {@link #recordVerification} would one by one; an
     * audit of a package of many files writes them in one batch instead of one write per copy.
     */
    default void recordVerifications(PackageId id, java.util.List<Verification> verifications) {
        for (Verification v : verifications) {
            recordVerification(id, v.logicalPath(), v.replicaId(), v.when(), v.outcome());
        }
    }

    void setState(PackageId id, PackageState state);

    void remove(PackageId id);

    /** Empties the index (before a rebuild). */
    void clear();

    @Override
    void close();
}
