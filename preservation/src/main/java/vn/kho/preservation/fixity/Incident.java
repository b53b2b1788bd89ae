package vn.kho.preservation.fixity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import vn.kho.repository.PackageId;

/**
 * Something an audit could not repair, for people to act on: returned to the caller, who keeps it and tells whoever
 * must know (storing incidents and calling webhooks is the caller's business).
 *
 * @param id a UUID
 * @param packageId the package concerned
 * @param state {@link IncidentState#OPEN} when raised
 * @param detected when the audit that found it ended its check
 * @param what one sentence: which package, which files have no good copy left
 * @param where every bad copy of those files: replica, storage path and classification
 * @param cause what the audit found on each copy (digests, I/O errors)
 * @param remedy what to do about it
 */
public record Incident(
        String id,
        PackageId packageId,
        IncidentState state,
        Instant detected,
        String what,
        List<String> where,
        String cause,
        String remedy) {
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detected, "detected");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(remedy, "remedy");
        where = List.copyOf(where);
    }
}
