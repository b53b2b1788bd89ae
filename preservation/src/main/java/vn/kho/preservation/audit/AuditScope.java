package vn.kho.preservation.audit;

import java.util.List;
import java.util.Objects;

/**
 * What one audit covers: every package on every replica (no packages, no replica), the named packages on every
 * replica, or every package on one replica. Package ids are URNs or bare UUIDs as {@link
 * vn.kho.repository.PackageId#parse} reads them.
 *
 * @param packages the packages to audit, in no particular order; empty for all
 * @param replica the only replica to read; null for all
 */
public record AuditScope(List<String> packages, String replica) {
    public AuditScope {
        packages = List.copyOf(Objects.requireNonNullElse(packages, List.of()));
        if (!packages.isEmpty() && replica != null) {
            throw new IllegalArgumentException("an audit is limited to packages or to a replica, not both");
        }
        if (replica != null && replica.isBlank()) {
            throw new IllegalArgumentException("a blank replica id");
        }
    }

    public static AuditScope everything() {
        return new AuditScope(List.of(), null);
    }
}
