package vn.kho.preservation.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.kho.preservation.fixity.AuditEvents;
import vn.kho.preservation.fixity.AuditReport;
import vn.kho.preservation.fixity.CopyResult;
import vn.kho.preservation.fixity.FixityAudit;
import vn.kho.preservation.fixity.FixityCheck;
import vn.kho.preservation.fixity.PackageCheck;
import vn.kho.preservation.fixity.Repair;
import vn.kho.repository.PackageId;
import vn.kho.repository.PremisEvent;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;

/**
 * Audits one package on every replica, or on one. A copy found bad on the one replica is repaired by a full audit of
 * the package, because repair sources (and the verdict DAMAGED) need every replica's copy checked; a whole copy on
 * the one replica changes nothing but leaves one compact PREMIS event.
 */
public final class PackageAuditor {
    private final List<String> replicaIds;
    private final PackageIndex index;
    private final FixityAudit full;
    private final Map<String, FixityCheck> single = new LinkedHashMap<>();
    private final AuditEvents events;

    public PackageAuditor(List<Replica> replicas, PackageIndex index, Path workDir, Clock clock, String agent) {
        this.replicaIds = replicas.stream().map(Replica::id).toList();
        this.index = index;
        this.full = new FixityAudit(replicas, index, workDir, clock, agent);
        this.events = new AuditEvents(agent);
        for (Replica r : replicas) {
            single.put(r.id(), new FixityCheck(List.of(r), index, clock));
        }
    }

    public List<String> replicaIds() {
        return replicaIds;
    }

    /** What auditing the package reads, as the index states it: its files (and bytes) on {@code replicas} replicas. */
    Totals size(PackageId id, int replicas) {
        List<IndexedFile> files = index.files(id);
        long bytes = files.stream().mapToLong(f -> f.file().size()).sum();
        return new Totals(1, (long) files.size() * replicas, bytes * replicas);
    }

    /**
     * Audits the package on {@code replica} (null: every replica).
     *
     * @return the outcome (without an incident id) and, when the package was audited on every replica, the full report
     */
    Result audit(PackageId id, String replica) {
        Totals size = size(id, replica == null ? replicaIds.size() : 1);
        if (replica != null) {
            PackageCheck check = single.get(replica).check(id);
            if (check.allOk()) {
                return new Result(
                        outcome(id, size, check, List.of()), Optional.empty(), List.of(events.wholeCopies(check)));
            }
        }
        AuditReport report = full.audit(id);
        return new Result(
                outcome(id, size, report.check(), report.repair().repairs()), Optional.of(report), report.events());
    }

    /**
     * @param report the full audit's report, when every replica was audited
     * @param events the PREMIS events to keep: the report's, or one compact event for a whole copy on one replica
     */
    record Result(PackageOutcome outcome, Optional<AuditReport> report, List<PremisEvent> events) {}

    private static PackageOutcome outcome(PackageId id, Totals size, PackageCheck check, List<Repair> repairs) {
        String urn = id.urn();
        Map<String, Long> counts = new LinkedHashMap<>();
        check.counts().forEach((k, v) -> counts.put(k.name(), v.longValue()));
        List<AuditFinding> findings = new ArrayList<>();
        for (CopyResult r : check.bad()) {
            String path = r.logicalPath() != null ? r.logicalPath() : r.objectPath();
            findings.add(new AuditFinding(
                    urn, r.replicaId(), path, r.classification().name(), r.detail()));
        }
        List<AuditRepair> done = repairs.stream()
                .map(r -> new AuditRepair(
                        urn,
                        r.replicaId(),
                        r.kind().name(),
                        r.objectPath(),
                        r.sourceReplicaId(),
                        r.repaired(),
                        r.detail()))
                .toList();
        return new PackageOutcome(urn, size, check.bytesRead(), counts, findings, done, null);
    }
}
