package vn.kho.preservation.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the audit of one package within a run found and did.
 *
 * @param done one package, its file copies and their bytes (as the index states them)
 * @param bytesRead what was actually read, inventories included (charged to the bandwidth budget)
 * @param counts results per classification name
 * @param incidentId the incident opened or kept open because the package is DAMAGED; null when it is not
 */
record PackageOutcome(
        String packageId,
        Totals done,
        long bytesRead,
        Map<String, Long> counts,
        List<AuditFinding> findings,
        List<AuditRepair> repairs,
        String incidentId) {
    PackageOutcome {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(done, "done");
        counts = Map.copyOf(counts);
        findings = List.copyOf(findings);
        repairs = List.copyOf(repairs);
    }
}
