package vn.kho.preservation.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import vn.kho.preservation.fixity.Incident;
import vn.kho.preservation.fixity.IncidentState;
import vn.kho.repository.PackageId;

/**
 * Keeps at most one OPEN incident per package: a package that stays DAMAGED across audits keeps its first incident
 * (and the listener hears of it once); a later full audit that finds the package whole resolves it.
 */
final class Incidents {
    private final AuditStore store;
    private final Consumer<Incident> opened;

    Incidents(AuditStore store, Consumer<Incident> opened) {
        this.store = Objects.requireNonNull(store, "store");
        this.opened = Objects.requireNonNull(opened, "opened");
    }

    /** The id of the package's open incident: {@code found}'s, now stored and announced, or the one already open. */
    synchronized String raise(Incident found) {
        return store.openIncident(found.packageId()).map(Incident::id).orElseGet(() -> {
            store.putIncident(found);
            opened.accept(found);
            return found.id();
        });
    }

    /** Resolves the package's open incident, if any. */
    synchronized void resolve(PackageId id, Instant now) {
        store.openIncident(id)
                .ifPresent(i -> store.putIncident(new Incident(
                        i.id(),
                        i.packageId(),
                        IncidentState.RESOLVED,
                        i.detected(),
                        i.what(),
                        i.where(),
                        i.cause(),
                        i.remedy() + " (resolved " + now + ": an audit found every copy whole)")));
    }
}
