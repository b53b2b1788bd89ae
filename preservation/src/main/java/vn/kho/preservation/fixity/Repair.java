package vn.kho.preservation.fixity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One repair of one replica's copy, attempted and then checked again: {@code repaired} only when the copy was
 * re-read after it was written (and forced to disk) and found good.
 *
 * @param replicaId the replica repaired
 * @param kind what was done
 * @param objectPath the file repaired or removed (object-root-relative); null for a whole object
 * @param logicalPaths the package files it holds (several when one content file backs several paths); empty for an
 *     inventory, a stray or a whole object
 * @param sourceReplicaId the replica whose verified copy was used; null when none was (a stray's removal, or no
 *     replica held a good copy)
 * @param repaired whether the copy was found good when read again
 * @param time when the repair ended
 * @param detail for people: what was written from where, and how the re-read went, or why nothing could be done
 */
public record Repair(
        String replicaId,
        RepairKind kind,
        String objectPath,
        List<String> logicalPaths,
        String sourceReplicaId,
        boolean repaired,
        Instant time,
        String detail) {
    public Repair {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
        logicalPaths = List.copyOf(logicalPaths);
        if (kind != RepairKind.OBJECT && objectPath == null) {
            throw new IllegalArgumentException(kind + " repairs one file: name it");
        }
        if (repaired && kind != RepairKind.EXTRA_REMOVED && sourceReplicaId == null) {
            throw new IllegalArgumentException("a copy is repaired from another replica's");
        }
        if (replicaId.equals(sourceReplicaId)) {
            throw new IllegalArgumentException("a copy is never repaired from itself");
        }
    }
}
