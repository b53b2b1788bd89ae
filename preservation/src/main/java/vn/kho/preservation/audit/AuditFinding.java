package vn.kho.preservation.audit;

import java.util.Objects;

/**
 * One bad copy an audit found.
 *
 * @param packageId the package's URN
 * @param replicaId where the copy is
 * @param path the package file's logical path, or (for an inventory or a stray) its object path; null when nothing
 *     locates it
 * @param classification a {@link vn.kho.preservation.fixity.Classification} name
 * @param detail for people: digests, I/O errors
 */
public record AuditFinding(String packageId, String replicaId, String path, String classification, String detail) {
    public AuditFinding {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(detail, "detail");
    }
}
