package vn.kho.preservation.fixity;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of reading one copy once: a file of the package, a replica's inventory ({@code logicalPath} null,
 * {@code objectPath} {@code inventory.json}), or a stray file ({@link Classification#EXTRA}, {@code logicalPath} null).
 *
 * @param replicaId which replica
 * @param logicalPath the file's path in the package (head version); null for an inventory or a stray
 * @param objectPath where it is in the object (object-root-relative); null when nothing locates it
 * @param storagePath where it is in the replica (storage-root-relative); null when {@code objectPath} is
 * @param classification what was found
 * @param expectedSha256 what it should hash to (the index's sha256; for an inventory, what its sidecar states); null
 *     when unknown
 * @param actualSha256 what it hashed to; null when it could not be read whole
 * @param bytesRead bytes read to decide
 * @param checkedAt when the read ended
 * @param detail for people: what was compared, both digests when they differ, the I/O error when there was one
 */
public record CopyResult(
        String replicaId,
        String logicalPath,
        String objectPath,
        String storagePath,
        Classification classification,
        String expectedSha256,
        String actualSha256,
        long bytesRead,
        Instant checkedAt,
        String detail) {
    public CopyResult {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(detail, "detail");
        if (bytesRead < 0) {
            throw new IllegalArgumentException("bytesRead < 0");
        }
        if (objectPath == null && storagePath != null) {
            throw new IllegalArgumentException("a storage path without an object path");
        }
        switch (classification) {
            case OK -> {
                if (actualSha256 == null || !actualSha256.equals(expectedSha256) || objectPath == null) {
                    throw new IllegalArgumentException("an OK copy was located, read whole and found as expected");
                }
            }
            case MISMATCH -> {
                if (actualSha256 == null || expectedSha256 == null || logicalPath == null) {
                    throw new IllegalArgumentException("a MISMATCH names the file and both digests");
                }
            }
            case EXTRA, INVENTORY_CORRUPT -> {
                if (logicalPath != null || objectPath == null) {
                    throw new IllegalArgumentException(classification + " is about a replica's file, not a package's");
                }
            }
            default -> {
                // MISSING and UNREADABLE: the read did not end, so there may be no digest and no location
            }
        }
    }

    /** Whether this is about a file of the package (not an inventory or a stray). */
    public boolean isPackageFile() {
        return logicalPath != null;
    }

    public boolean isOk() {
        return classification == Classification.OK;
    }
}
