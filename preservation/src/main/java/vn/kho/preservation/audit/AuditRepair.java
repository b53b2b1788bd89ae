package vn.kho.preservation.audit;

import java.util.Objects;

/**
 * One repair an audit attempted.
 *
 * @param packageId the package's URN
 * @param replicaId the replica repaired
 * @param kind a {@link vn.kho.preservation.fixity.RepairKind} name
 * @param path the object path repaired; null for a whole object
 * @param sourceReplicaId where the good copy came from; null when none did
 * @param repaired whether the copy was read again and found good
 * @param detail for people
 */
public record AuditRepair(
        String packageId,
        String replicaId,
        String kind,
        String path,
        String sourceReplicaId,
        boolean repaired,
        String detail) {
    public AuditRepair {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
