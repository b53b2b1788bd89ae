package vn.kho.preservation.audit;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import vn.kho.preservation.eventlog.EventLog;
import vn.kho.preservation.fixity.Incident;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;

/**
 * Audits one package at a time for everyone who audits: on-demand audits and the fixity-audit scheduler share its read
 * budget (so together they never read faster than {@code bytesPerSecond}) and its incidents (so a package DAMAGED in
 * both opens one incident, announced once). Thread-safe.
 */
public final class PackageAudits {
    private final PackageAuditor auditor;
    private final ReadThrottle throttle;
    private final Incidents incidents;
    private final Clock clock;
    private final EventLog eventLog;

    /** Audits whose PREMIS events are kept nowhere but in their reports. */
    public PackageAudits(
            PackageAuditor auditor, AuditStore store, Clock clock, long bytesPerSecond, Consumer<Incident> opened) {
        this(auditor, store, clock, bytesPerSecond, opened, EventLog.none());
    }

    /**
     * @param bytesPerSecond the read-bandwidth budget shared by every audit
     * @param opened told of every incident opened; it must not block for long
     * @param eventLog given the PREMIS events of every audit of a package on every replica (a compact fixity check per
     *     package, one event per failure and repair), before its incident is raised or resolved
     */
    public PackageAudits(
            PackageAuditor auditor,
            AuditStore store,
            Clock clock,
            long bytesPerSecond,
            Consumer<Incident> opened,
            EventLog eventLog) {
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.throttle = new ReadThrottle(bytesPerSecond);
        this.incidents = new Incidents(store, opened);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    PackageAuditor auditor() {
        return auditor;
    }

    /**
     * Audits the package on {@code replica} (null: every replica), opening (or keeping) its incident when it is
     * DAMAGED and resolving it when a full audit finds it whole, and charges what was read to the budget. The events
     * of a full audit go to the event log; a check of one replica that finds its copy whole leaves no event.
     */
    Audited audit(PackageId id, String replica) {
        PackageAuditor.Result result = auditor.audit(id, replica);
        PackageOutcome outcome = result.outcome();
        long wait = throttle.debit(outcome.bytesRead());
        if (result.report().isEmpty()) {
            return new Audited(outcome, false, wait);
        }
        var report = result.report().get();
        eventLog.append(id, report.events());
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
