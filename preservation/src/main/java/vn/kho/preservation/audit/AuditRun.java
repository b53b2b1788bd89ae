package vn.kho.preservation.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One on-demand audit: its scope, where it stands, and everything it found so far. Kept in the {@link AuditStore}
 * after every batch of packages, so that a restart resumes after {@code cursor}.
 *
 * @param total what the scope held when the audit started (from the index)
 * @param done what has been audited so far
 * @param counts file-copy results per classification name (OK, MISMATCH, …), inventories and strays included
 * @param findings every bad copy found, in the order found
 * @param repairs every repair attempted
 * @param incidents ids of the incidents this audit opened or found still open
 * @param cursor the URN of the last package of the last batch finished (packages are audited in index order); null
 *     before the first
 * @param error why it FAILED; null otherwise
 */
public record AuditRun(
        UUID id,
        AuditScope scope,
        AuditStatus status,
        Instant created,
        Instant started,
        Instant finished,
        Totals total,
        Totals done,
        Map<String, Long> counts,
        List<AuditFinding> findings,
        List<AuditRepair> repairs,
        List<String> incidents,
        String cursor,
        String error) {
    public AuditRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(done, "done");
        counts = Map.copyOf(new TreeMap<>(counts));
        findings = List.copyOf(findings);
        repairs = List.copyOf(repairs);
        incidents = List.copyOf(incidents);
        if (status.isFinal() != (finished != null)) {
            throw new IllegalArgumentException("an audit has a finish time exactly when it is final");
        }
        if ((status == AuditStatus.FAILED) != (error != null)) {
            throw new IllegalArgumentException("an audit has an error exactly when it FAILED");
        }
    }

    /** A new RUNNING audit of {@code total}. */
    public static AuditRun start(UUID id, AuditScope scope, Instant now, Totals total) {
        return new AuditRun(
                id,
                scope,
                AuditStatus.RUNNING,
                now,
                now,
                null,
                total,
                Totals.NONE,
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                null);
    }

    /** This run with a batch of packages added and the cursor moved to {@code last}. */
    AuditRun plus(List<PackageOutcome> batch, String last) {
        Totals d = done;
        Map<String, Long> c = new TreeMap<>(counts);
        List<AuditFinding> f = new ArrayList<>(findings);
        List<AuditRepair> r = new ArrayList<>(repairs);
        List<String> i = new ArrayList<>(incidents);
        for (PackageOutcome o : batch) {
            d = d.plus(o.done());
            o.counts().forEach((k, v) -> c.merge(k, v, Long::sum));
            f.addAll(o.findings());
            r.addAll(o.repairs());
            if (o.incidentId() != null && !i.contains(o.incidentId())) {
                i.add(o.incidentId());
            }
        }
        return new AuditRun(id, scope, status, created, started, null, total, d, c, f, r, i, last, null);
    }

    /** This run ended as {@code status}. */
    AuditRun end(AuditStatus status, Instant now, String error) {
        return new AuditRun(
                id, scope, status, created, started, now, total, done, counts, findings, repairs, incidents, cursor,
                error);
    }

    /** Bytes audited per second since it started (until it finished). */
    public long bytesPerSecond(Instant now) {
        long millis =
                Duration.between(started, finished == null ? now : finished).toMillis();
        return millis <= 0 ? 0 : done.bytes() * 1000 / millis;
    }

    /** When it should end at the present rate; empty when final or when no rate is known yet. */
    public Optional<Instant> eta(Instant now) {
        long rate = bytesPerSecond(now);
        if (status.isFinal() || rate <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, total.bytes() - done.bytes());
        return Optional.of(now.plusMillis(left * 1000 / rate));
    }
}
