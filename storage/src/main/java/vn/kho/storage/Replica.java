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

    /**
     * The object-root-relative paths (forward slashes), in order, of every file under the object's root directory,
     * whatever its inventories say: what an audit compares with the inventories to find stray files. Anything that is
     * not a directory (a symbolic link, a device) counts as a file. Empty when the replica holds nothing for the object.
     *
     * @throws vn.kho.repository.StorageFailureException {@code OCFL_OBJECT_UNREADABLE} when the object's directories
     *     cannot be listed
     */
    Stream<String> objectFiles(PackageId id);

    /**
     * Opens the file at {@code objectPath} (object-root-relative: a content path, an inventory, a sidecar) for reading,
     * without consulting any inventory. Only a regular file is opened, never through a symbolic link.
     *
     * @throws vn.kho.repository.NotFoundException {@code OCFL_FILE_MISSING} when there is no such file
     * @throws vn.kho.repository.StorageFailureException {@code OCFL_FILE_UNREADABLE} when it cannot be opened or is not
     *     a regular file (later
     *     read errors come from the stream as {@code IOException}s)
     * @throws IllegalArgumentException when {@code objectPath} is not a relative path inside the object
     */
    InputStream openObjectFile(PackageId id, String objectPath);

    /**
     * Durably creates or replaces one file of an object the replica holds, to repair it. The bytes of {@code content}
     * are written to a new file on the replica, hashed on their way, and forced to disk; only when their sha256 is
     * {@code expectedSha256} does one atomic rename put the file at {@code objectPath}, after which its directory is
     * forced too. A crash leaves the old file or the new one, never a mix. Missing parent directories are created
     * durably; an empty directory standing where the file belongs is removed first.
     *
     * @param content read to its end; not closed
     * @throws vn.kho.repository.FixityMismatchException {@code FIXITY_WRITE_MISMATCH} when the bytes read from
     *     {@code content} do not have {@code expectedSha256}; nothing was changed
     * @throws vn.kho.repository.NotFoundException {@code OCFL_OBJECT_MISSING} when the replica holds no directory for
     *     the object (a whole object is restored with {@link #put})
     * @throws vn.kho.repository.StorageFailureException {@code STORAGE_WRITE_FAILED} when it cannot be written or
     *     {@code content} cannot be read; nothing was changed
     * @throws IllegalArgumentException when {@code objectPath} is not a relative path inside the object
     */
    void writeObjectFile(PackageId id, String objectPath, InputStream content, String expectedSha256);

    /**
     * Durably removes one file (not a directory) from the object's directory, and the directories that it leaves
     * empty, short of the object root. Nothing happens when there is no such file.
     *
     * @throws vn.kho.repository.StorageFailureException {@code STORAGE_DELETE_FAILED} when it cannot be removed
     * @throws IllegalArgumentException when {@code objectPath} is not a relative path inside the object, or names a
     *     directory
     */
    void removeObjectFile(PackageId id, String objectPath);

    /** The storage-root-relative path of a content file, as recorded in the index. */
    String storagePath(PackageId id, String contentPath);

    ReplicaHealth health();

    @Override
    void close();
}
