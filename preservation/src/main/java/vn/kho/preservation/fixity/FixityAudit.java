package vn.kho.preservation.fixity;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import vn.kho.repository.PackageId;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;

/**
 * The audit of one package: every copy on every replica checked ({@link FixityCheck}), every bad copy repaired from a
 * verified one ({@link PackageRepair}), the package's state set, and the PREMIS events and the incident (if any)
 * returned for the caller to keep. Blocking; run it on a worker thread, one package at a time per package.
 */
public final class FixityAudit {
    private final FixityCheck check;
    private final PackageRepair repair;
    private final AuditEvents events;

    /**
     * @param replicas every replica that should hold each package, in order of preference as repair sources
     * @param workDir a local directory for staging whole objects restored to a replica
     * @param agent the PREMIS agent of the events, e.g. "Kho 0.1.0"
     */
    public FixityAudit(List<Replica> replicas, PackageIndex index, Path workDir, Clock clock, String agent) {
        this.check = new FixityCheck(replicas, index, clock);
        this.repair = new PackageRepair(replicas, index, workDir, clock);
        this.events = new AuditEvents(agent);
    }

    /**
     * Checks, repairs and reports one package. A bad copy never makes this throw; a package the index does not have
     * does ({@code NotFoundException} {@code PACKAGE_NOT_FOUND}), as does a failing index.
     */
    public AuditReport audit(PackageId id) {
        PackageCheck found = check.check(id);
        RepairOutcome done = repair.repair(found);
        return new AuditReport(id, found, done, events.events(found, done));
    }

    /** Checks every copy of one package and records the outcomes in the index, repairing nothing. */
    public PackageCheck check(PackageId id) {
        return check.check(id);
    }
}
