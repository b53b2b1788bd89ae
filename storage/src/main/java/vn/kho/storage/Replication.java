package vn.kho.storage;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a replicated write left the object.
 *
 * @param verified one verified copy per replica that holds one, in the configured order
 * @param missing per configured replica that holds no copy, why (down, or its write or verification failed); the
 *     object was removed from it again. Empty when every replica holds a verified copy.
 */
public record Replication(List<VerifiedCopy> verified, Map<String, String> missing) {
    public Replication {
        verified = List.copyOf(verified);
        missing = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(missing, "missing")));
    }

    /** Whether a configured replica holds no copy. */
    public boolean underReplicated() {
        return !missing.isEmpty();
    }
}
