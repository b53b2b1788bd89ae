package vn.kho.preservation.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.kho.preservation.audit.AuditRun;
import vn.kho.preservation.audit.AuditScheduler;
import vn.kho.preservation.audit.AuditService;
import vn.kho.preservation.audit.AuditStatus;
import vn.kho.preservation.fixity.IncidentState;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.storage.CopyStatus;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.IndexedPackage;
import vn.kho.storage.PackageIndex;

/**
 * Computes the {@link PreservationStatus} from the index (every package and every file's copy status), the audit
 * store (running audits, totals over every audit, open incidents) and the scheduler's counters. A computation reads the whole index page by page,
 * never holding more than a page of packages, so it is kept for {@code maxAge} and shared by everyone who asks
 * within that time (the status page and {@code /metrics} scrapes). Blocking: call it on a worker thread.
 */
public final class StatusReporter {
    private static final int PAGE = 500;
    private static final int MAX_DAMAGED_LISTED = 100;
    private static final List<String> BAD = List.of("MISMATCH", "MISSING", "UNREADABLE");

    private final PackageIndex index;
    private final AuditService audits;
    private final List<String> replicaIds;
    private final int requiredCopies;
    private final Clock clock;
    private final Duration maxAge;
    private final java.util.function.Supplier<AuditScheduler.Counters> scheduled;
    private PreservationStatus last;

    /**
     * @param replicaIds every configured replica: the copy policy is a good copy of every file on each
     * @param scheduled what the fixity-audit scheduler has done since this Kho started (added to the audit totals);
     *     zeros when it is off
     */
    public StatusReporter(
            PackageIndex index,
            AuditService audits,
            java.util.function.Supplier<AuditScheduler.Counters> scheduled,
            List<String> replicaIds,
            Clock clock,
            Duration maxAge) {
        this.index = index;
        this.scheduled = scheduled;
        this.audits = audits;
        this.replicaIds = List.copyOf(replicaIds);
        this.requiredCopies = this.replicaIds.size();
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Every configured replica, in order. */
    public List<String> replicaIds() {
        return replicaIds;
    }

    /** The status, computed now unless a computation younger than {@code maxAge} can be given. */
    public synchronized PreservationStatus status() {
        Instant now = clock.instant();
        if (last == null || last.at().plus(maxAge).isBefore(now)) {
            last = compute(now);
        }
        return last;
    }

    private PreservationStatus compute(Instant now) {
        Map<String, Long> byState = new TreeMap<>();
        for (PackageState s : PackageState.values()) {
            byState.put(s.name(), 0L);
        }
        Map<String, Long> byOutcome = new TreeMap<>();
        for (String o : List.of("OK", "MISMATCH", "MISSING", "UNREADABLE", "NEVER")) {
            byOutcome.put(o, 0L);
        }
        List<String> damaged = new ArrayList<>();
        long packages = 0;
        long belowPolicy = 0;
        long files = 0;
        long bytes = 0;
        Instant oldest = null;
        Map<String, Long> missingCopies = new TreeMap<>();
        replicaIds.forEach(r -> missingCopies.put(r, 0L));
        IndexedPackage oldestUnder = null;
        PackageId after = null;
        for (List<IndexedPackage> page = index.list(null, PAGE); !page.isEmpty(); page = index.list(after, PAGE)) {
            for (IndexedPackage p : page) {
                PackageId id = p.description().id();
                after = id;
                packages++;
                byState.merge(p.state().name(), 1L, Long::sum);
                if (p.state() == PackageState.DAMAGED && damaged.size() < MAX_DAMAGED_LISTED) {
                    damaged.add(id.toString());
                }
                if (p.state() == PackageState.UNDER_REPLICATED
                        && (oldestUnder == null
                                || p.description()
                                        .created()
                                        .isBefore(oldestUnder.description().created()))) {
                    oldestUnder = p;
                }
                boolean below = false;
                for (IndexedFile f : index.files(id)) {
                    files++;
                    bytes += f.file().size();
                    int good = 0;
                    for (String replica : replicaIds) {
                        boolean held = f.copies().stream()
                                .anyMatch(c -> c.replicaId().equals(replica) && !"MISSING".equals(c.outcome()));
                        if (!held) {
                            missingCopies.merge(replica, 1L, Long::sum);
                        }
                    }
                    for (CopyStatus c : f.copies()) {
                        String outcome = c.outcome() == null ? "NEVER" : c.outcome();
                        byOutcome.merge(outcome, 1L, Long::sum);
                        if (!BAD.contains(outcome)) {
                            good++;
                        }
                        if (c.lastVerified() != null
                                && (oldest == null || c.lastVerified().isBefore(oldest))) {
                            oldest = c.lastVerified();
                        }
                    }
                    below |= good < requiredCopies;
                }
                if (below) {
                    belowPolicy++;
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        long running = 0;
        long leftFiles = 0;
        long leftBytes = 0;
        long verifiedFiles = 0;
        long verifiedBytes = 0;
        long mismatches = 0;
        long repairs = 0;
        for (AuditRun run : audits.list()) {
            if (run.status() == AuditStatus.RUNNING) {
                running++;
                leftFiles += Math.max(0, run.total().files() - run.done().files());
                leftBytes += Math.max(0, run.total().bytes() - run.done().bytes());
            }
            verifiedFiles += run.done().files();
            verifiedBytes += run.done().bytes();
            mismatches += run.findings().size();
            repairs += run.repairs().stream().filter(r -> r.repaired()).count();
        }
        AuditScheduler.Counters routine = scheduled.get();
        verifiedFiles += routine.copiesChecked();
        verifiedBytes += routine.bytesRead();
        mismatches += routine.badCopies();
        repairs += routine.repairs();
        long open = audits.incidents().stream()
                .filter(i -> i.state() == IncidentState.OPEN)
                .count();
        return new PreservationStatus(
                now,
                requiredCopies,
                packages,
                byState,
                belowPolicy,
                damaged,
                files,
                bytes,
                byOutcome,
                oldest,
                running,
                new PreservationStatus.Work(leftFiles, leftBytes),
                new PreservationStatus.Verified(verifiedFiles, verifiedBytes, mismatches, repairs),
                open,
                new PreservationStatus.Replication(
                        missingCopies,
                        oldestUnder == null
                                ? null
                                : oldestUnder.description().id().toString(),
                        oldestUnder == null ? null : oldestUnder.description().created()));
    }
}
