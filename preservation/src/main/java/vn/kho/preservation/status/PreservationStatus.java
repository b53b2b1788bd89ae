package vn.kho.preservation.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How well the holdings are kept, at one moment: what a preservation officer asks every morning.
 *
 * @param at when it was computed
 * @param requiredCopies the copy policy: every package must have a good copy on each of these many replicas
 * @param packages packages in the index
 * @param packagesByState packages per state (ACTIVE, DAMAGED)
 * @param packagesBelowPolicy packages with some file that has fewer good copies than the policy asks (a copy whose
 *     last check found it MISMATCH, MISSING or UNREADABLE is not good; one never checked since the index was built
 *     counts as good, as it was verified when written)
 * @param damaged the ids of the DAMAGED packages (at most 100; {@code packagesByState} has the count)
 * @param files files in the index
 * @param bytes bytes of those files (one copy)
 * @param copiesByOutcome file copies per last outcome: OK, MISMATCH, MISSING, UNREADABLE, or NEVER (not checked since
 *     the index was built)
 * @param oldestVerification the oldest last-verification time of any checked copy; null when none was checked
 * @param auditsRunning audits RUNNING now
 * @param underAudit file copies and bytes the running audits still have to read
 * @param verifiedTotal file copies, bytes, mismatches (bad copies found) and repairs over every on-demand audit on
 *     record and the scheduler's checks since this Kho started
 * @param incidentsOpen incidents OPEN now
 */
public record PreservationStatus(
        Instant at,
        int requiredCopies,
        long packages,
        Map<String, Long> packagesByState,
        long packagesBelowPolicy,
        List<String> damaged,
        long files,
        long bytes,
        Map<String, Long> copiesByOutcome,
        Instant oldestVerification,
        long auditsRunning,
        Work underAudit,
        Verified verifiedTotal,
        long incidentsOpen) {
    public PreservationStatus {
        Objects.requireNonNull(at, "at");
        packagesByState = Map.copyOf(packagesByState);
        damaged = List.copyOf(damaged);
        copiesByOutcome = Map.copyOf(copiesByOutcome);
        Objects.requireNonNull(underAudit, "underAudit");
        Objects.requireNonNull(verifiedTotal, "verifiedTotal");
    }

    /** File copies and bytes. */
    public record Work(long files, long bytes) {}

    /** What audits have done, summed over every audit on record. */
    public record Verified(long files, long bytes, long mismatches, long repairs) {}

    /** Seconds since the oldest verification, or -1 when no copy was checked yet. */
    public long oldestVerificationAgeSeconds() {
        return oldestVerification == null ? -1 : Math.max(0, at.getEpochSecond() - oldestVerification.getEpochSecond());
    }
}
