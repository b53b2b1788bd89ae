package vn.kho.preservation.audit;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import vn.kho.preservation.eventlog.EventLog;
import vn.kho.preservation.fixity.Incident;
import vn.kho.preservation.fixity.IncidentState;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;

/**
 * Audits packages for everyone who audits: on-demand audits and the fixity-audit scheduler share its read budget (so
 * together they never read faster than {@code bytesPerSecond}), its concurrency limit (so together they never audit
 * more than {@code concurrency} packages at once), and its incidents (so a package DAMAGED in both opens one incident,
 * announced once). One package is audited by one of them at a time: a second audit of a package waits for the first,
 * so two never repair the same copy at once. Thread-safe.
 */
public final class PackageAudits {
    private final PackageAuditor auditor;
    private final ReadThrottle throttle;
    private final Incidents incidents;
    private final Clock clock;
    private final EventLog eventLog;
    private final Semaphore permits;
    /** The packages being audited now. */
    private final Set<PackageId> busy = new HashSet<>();

    /** Audits whose PREMIS events are kept nowhere but in their reports. */
    public PackageAudits(
            PackageAuditor auditor,
            AuditStore store,
            Clock clock,
            long bytesPerSecond,
            int concurrency,
            Consumer<Incident> opened) {
        this(auditor, store, clock, bytesPerSecond, concurrency, opened, EventLog.none());
    }

    /**
     * @param bytesPerSecond the read-bandwidth budget shared by every audit
     * @param concurrency how many packages may be audited at once, by everyone together
     * @param opened told of every incident opened; it must not block for long
     * @param eventLog given the PREMIS events of every audit of a package on every replica (a compact fixity check per
     *     package, one event per failure and repair), before its incident is raised or resolved
     */
    public PackageAudits(
            PackageAuditor auditor,
            AuditStore store,
            Clock clock,
            long bytesPerSecond,
            int concurrency,
            Consumer<Incident> opened,
            EventLog eventLog) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency < 1");
        }
        this.permits = new Semaphore(concurrency, true);
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttle = new ReadThrottle(bytesPerSecond);
        this.incidents = new Incidents(store, opened);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Opens (or keeps) the incident of a package stored on the write quorum while {@code lacking} replicas got no
     * copy; the audit that finds it whole on every replica (the catch-up's) resolves it.
     *
     * @return the incident's id
     */
    public String underReplicated(PackageId id, List<String> lacking, java.time.Instant when) {
        return incidents.raise(new Incident(
                java.util.UUID.randomUUID().toString(),
                id,
                IncidentState.OPEN,
                when,
                "package " + id.urn() + " was stored without a copy on replica(s) " + String.join(", ", lacking)
                        + " (UNDER_REPLICATED)",
                lacking.stream().map(r -> "replica " + r + ": MISSING").toList(),
                "the replica(s) were down, or their write or verification failed, when the package was stored; the"
                        + " write quorum was met by the others",
                "Kho copies the package from a verified copy once the replica(s) take writes again (catch-up);"
                        + " bring them back, or remove them from the configuration"));
    }

    PackageAuditor auditor() {
        return auditor;
    }

    /**
     * Audits the package on {@code replica} (null: every replica), opening (or keeping) its incident when it is
     * DAMAGED and resolving it when a full audit finds it whole, and charges what was read to the budget. The events
     * go to the event log: a full audit's, or one compact event for a whole copy found on the one replica. Waits for
     * a permit and for any other audit of the same package to end.
     *
     * @throws InterruptedException when interrupted while waiting; nothing was audited
     */
    Audited audit(PackageId id, String replica) throws InterruptedException {
        permits.acquire();
        try {
            synchronized (busy) {
                while (!busy.add(id)) {
                    busy.wait();
                }
            }
            try {
                return auditNow(id, replica);
            } finally {
                synchronized (busy) {
                    busy.remove(id);
                    busy.notifyAll();
                }
            }
        } finally {
            permits.release();
        }
    }

    private Audited auditNow(PackageId id, String replica) {
        PackageAuditor.Result result = auditor.audit(id, replica);
        PackageOutcome outcome = result.outcome();
        long wait = throttle.debit(outcome.bytesRead());
        eventLog.append(id, result.events());
        if (result.report().isEmpty()) {
            return new Audited(outcome, false, wait);
        }
        var report = result.report().get();
        if (report.incident().isPresent()) {
            String incident = incidents.raise(report.incident().get());
            outcome = new PackageOutcome(
                    outcome.packageId(),
                    outcome.done(),
                    outcome.bytesRead(),
                    outcome.counts(),
                    outcome.findings(),
                    outcome.repairs(),
                    incident);
        } else if (report.state() == PackageState.ACTIVE) {
            incidents.resolve(id, clock.instant());
        }
        return new Audited(outcome, true, wait);
    }

    /**
     * @param everyReplica whether every replica's copy was checked (a bad copy on the one replica asked for makes the
     *     audit a full one, to repair it)
     * @param waitNanos how long the caller must wait before auditing again, to keep within the read budget
     */
    record Audited(PackageOutcome outcome, boolean everyReplica, long waitNanos) {}
}
