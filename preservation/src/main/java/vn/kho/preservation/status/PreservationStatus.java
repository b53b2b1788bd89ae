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
 * @param packagesByState packages per state (ACTIVE, UNDER_REPLICATED, DAMAGED)
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
 * @param replication what replicas lack: the catch-up's work left
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
        long incidentsOpen,
        Replication replication) {
    public PreservationStatus {
        Objects.requireNonNull(at, "at");
        packagesByState = Map.copyOf(packagesByState);
        damaged = List.copyOf(damaged);
        copiesByOutcome = Map.copyOf(copiesByOutcome);
        Objects.requireNonNull(underAudit, "underAudit");
        Objects.requireNonNull(verifiedTotal, "verifiedTotal");
        Objects.requireNonNull(replication, "replication");
    }

    /**
     * What replicas lack, for the catch-up (a replica that was down, or was added) to copy.
     *
     * @param missingCopies per configured replica, the file copies it lacks (recorded MISSING, or never recorded: a
     *     replica added to the configuration); the catch-up's progress is this falling to zero
     * @param oldestPackage the UNDER_REPLICATED package stored first; null when none is
     * @param oldestSince when that package was stored
     */
    public record Replication(Map<String, Long> missingCopies, String oldestPackage, Instant oldestSince) {
        public Replication {
            missingCopies = Map.copyOf(missingCopies);
        }

        /** The replication lag: seconds since the oldest UNDER_REPLICATED package was stored at {@code at}; 0 if none. */
        public long lagSeconds(Instant at) {
            return oldestSince == null ? 0 : Math.max(0, at.getEpochSecond() - oldestSince.getEpochSecond());
        }
    }

    /** Seconds since the oldest UNDER_REPLICATED package was stored; 0 when none is. */
    public long replicationLagSeconds() {
        return replication.lagSeconds(at);
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
