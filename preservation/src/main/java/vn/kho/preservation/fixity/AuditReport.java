package vn.kho.preservation.fixity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.repository.PremisEvent;

/**
 * One audit of one package: what the check found, what the repair did, the package's state afterwards, and the PREMIS
 * events to keep (the caller appends them to the event log; they are never written into the package's object).
 */
public record AuditReport(PackageId packageId, PackageCheck check, RepairOutcome repair, List<PremisEvent> events) {
    public AuditReport {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(repair, "repair");
        events = List.copyOf(events);
        if (!check.packageId().equals(packageId) || !repair.packageId().equals(packageId)) {
            throw new IllegalArgumentException("a report of another package");
        }
    }

    public PackageState state() {
        return repair.state();
    }

    /** The incident to open, when the package is DAMAGED. */
    public Optional<Incident> incident() {
        return repair.incidentIfAny();
    }
}
