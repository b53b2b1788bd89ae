package vn.kho.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;

/**
 * One independent copy of the archive: an OCFL 1.1 storage root (layout extension 0004-hashed-n-tuple, sha256
 * content digests). Every replica holds byte-identical copies of the objects built in staging.
 *
 * <p>Implementations must make {@link #put} all-or-nothing: after a crash at any instant the object is either
 * absent or complete, never partial, from the point of view of {@link #contains}, {@link #list} and OCFL validators.
 */
public interface Replica extends AutoCloseable {
    /** A short stable name from the configuration, e.g. "a". */
    String id();

    /**
     * Copies {@code object} into this replica (or, when {@link StagedObject#linkable()}, may hard-link its staged
     * files instead). Every file and directory written is fsynced before the object becomes
     * visible at its final path in one atomic step.
     *
     * @param replace when false, an object already present is a {@code ConflictException}; when true (recovery of an
     *     interrupted ingest) it is replaced
     * @throws vn.kho.repository.StorageFailureException when the copy cannot be written (nothing stays behind)
     */
    void put(StagedObject object, boolean replace);

    /**
     * Whether {@link #put} could take the files of an object staged in {@code stagedDir} by hard link instead of
     * copying them (a local filesystem replica on the staging filesystem). {@link ReplicatedWriter} offers that to at
     * most one replica per object, with {@link StagedObject#offeredForLinking()}; a replica must still fsync, and be
     * verified on, every file it takes, and must copy when a link fails.
     */
    default boolean canLink(Path stagedDir) {
        return false;
    }

    /**
     * Re-reads every content file of the object's head version from this replica and compares its sha256 with
     * {@code expected}, and checks the inventory's sidecar digest. Returns no findings when the copy is good;
     * otherwise findings coded {@code OCFL_...} naming each bad path.
     */
    List<Finding> verify(PackageId id, ObjectInventory expected);

    boolean contains(PackageId id);

    /** Removes the object, if present, so that no partial object remains visible. */
    void delete(PackageId id);

    /** Every object id in this replica. */
    Stream<PackageId> list();

    /** Reads the object's inventory; {@code NotFoundException} if absent. */
    ObjectInventory inventory(PackageId id);

    /** Opens the head-version file at {@code logicalPath}; {@code NotFoundException} if absent. */
    InputStream open(PackageId id, String logicalPath);

    /** Where the head-version file at {@code logicalPath} is on local disk, if this replica is a local filesystem. */
    Optional<Path> localPath(PackageId id, String logicalPath);

    /** The storage-root-relative path of a content file, as recorded in the index. */
    String storagePath(PackageId id, String contentPath);

    ReplicaHealth health();

    @Override
    void close();
}
