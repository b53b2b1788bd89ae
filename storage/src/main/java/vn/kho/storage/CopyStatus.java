package vn.kho.storage;

import java.time.Instant;

/**
 * The state of one copy of one file on one replica, as the index remembers it.
 *
 * @param replicaId which replica
 * @param storagePath storage-root-relative path of the content file
 * @param lastVerified when it was last re-read and compared, or null if never since the index was (re)built
 * @param outcome "OK", "MISMATCH", "MISSING", "UNREADABLE", or null if never verified
 */
public record CopyStatus(String replicaId, String storagePath, Instant lastVerified, String outcome) {}
