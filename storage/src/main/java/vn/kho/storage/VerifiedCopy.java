package vn.kho.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One replica's verified copy of a stored object: written, then every content file re-read and found to match.
 *
 * @param replicaId which replica
 * @param verified when the verification finished
 */
public record VerifiedCopy(String replicaId, Instant verified) {
    public VerifiedCopy {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(verified, "verified");
    }
}
