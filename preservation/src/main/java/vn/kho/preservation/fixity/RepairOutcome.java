package vn.kho.preservation.fixity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;

/**
 * What the repair of one package after one check did.
 *
 * @param repairs every repair attempted, in the order done
 * @param damaged the package files (logical paths), and {@code inventory.json} when no replica holds a trusted
 *     inventory, of which no replica holds a good copy any more; empty unless the package is DAMAGED
 * @param state the package's state after the repair, as now written in the index
 * @param incident the incident raised when the package is DAMAGED; null otherwise
 */
public record RepairOutcome(
        PackageId packageId, List<Repair> repairs, List<String> damaged, PackageState state, Incident incident) {
    public RepairOutcome {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(state, "state");
        repairs = List.copyOf(repairs);
        damaged = List.copyOf(damaged);
        if ((state == PackageState.DAMAGED) != !damaged.isEmpty() || (incident != null) != !damaged.isEmpty()) {
            throw new IllegalArgumentException("a package is DAMAGED, with an incident, exactly when a file is lost");
        }
    }

    public Optional<Incident> incidentIfAny() {
        return Optional.ofNullable(incident);
    }
}
