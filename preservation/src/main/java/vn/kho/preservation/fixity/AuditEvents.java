package vn.kho.preservation.fixity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.kho.repository.PremisEvent;

/**
 * The PREMIS events of one audit of one package: one compact {@code fixity check} event with counts for the whole
 * run (so a routine pass over thousands of packages stays small), then one {@code fixity check} event per copy found
 * bad, and one event per repair ({@code replication} for a file, an inventory or a whole object copied from another
 * replica, {@code deletion} for a stray removed). Event types are terms of the Library of Congress eventType
 * vocabulary.
 */
public final class AuditEvents {
    public static final String FIXITY_CHECK = "fixity check";
    public static final String REPLICATION = "replication";
    public static final String DELETION = "deletion";

    private final String agent;

    /** @param agent the acting agent, e.g. "Kho 0.1.0" */
    public AuditEvents(String agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    /**
     * The events of one audit, the compact one first. The compact event's object is the package's URN; a failure's
     * is the logical path of the file (or the object path of an inventory or a stray), a repair's the object path
     * repaired (or the URN for a whole object); each detail names the package, the replica and the storage path.
     */
    public List<PremisEvent> events(PackageCheck check, RepairOutcome outcome) {
        List<PremisEvent> events = new ArrayList<>();
        String urn = check.packageId().urn();
        events.add(event(
                FIXITY_CHECK, check.finished(), check.allOk() ? "success" : "failure", summary(check, outcome), urn));
        for (CopyResult bad : check.bad()) {
            events.add(event(
                    FIXITY_CHECK,
                    bad.checkedAt(),
                    "failure",
                    bad.classification() + " in " + urn + " on replica " + bad.replicaId()
                            + (bad.storagePath() == null ? "" : " at " + bad.storagePath()) + ": " + bad.detail(),
                    bad.isPackageFile() ? bad.logicalPath() : bad.objectPath()));
        }
        for (Repair repair : outcome.repairs()) {
            events.add(event(
                    repair.kind() == RepairKind.EXTRA_REMOVED ? DELETION : REPLICATION,
                    repair.time(),
                    repair.repaired() ? "success" : "failure",
                    repair.detail() + " [" + urn + "]",
                    repair.objectPath() == null ? urn : repair.objectPath()));
        }
        return events;
    }

    /**
     * The one compact {@code fixity check} event of a check that found every copy it read whole (a routine check of a
     * package's copy on one replica), with its counts; its object is the package's URN.
     *
     * @throws IllegalArgumentException when the check found a copy bad: that is an audit, with {@link #events}
     */
    public PremisEvent wholeCopies(PackageCheck check) {
        if (!check.allOk()) {
            throw new IllegalArgumentException("the check of " + check.packageId() + " found bad copies");
        }
        return event(
                FIXITY_CHECK,
                check.finished(),
                "success",
                checked(check),
                check.packageId().urn());
    }

    private static String summary(PackageCheck check, RepairOutcome outcome) {
        long repaired = outcome.repairs().stream().filter(Repair::repaired).count();
        long failed = outcome.repairs().size() - repaired;
        return checked(check) + "; " + repaired + " repairs done, " + failed + " failed; package " + outcome.state()
                + (outcome.damaged().isEmpty() ? "" : ", no good copy of " + String.join(", ", outcome.damaged()));
    }

    private static String checked(PackageCheck check) {
        Map<Classification, Integer> files = new EnumMap<>(Classification.class);
        Map<Classification, Integer> inventories = new EnumMap<>(Classification.class);
        int strays = 0;
        long copies = 0;
        for (ReplicaCheck replica : check.replicas()) {
            inventories.merge(replica.inventory().result().classification(), 1, Integer::sum);
            for (CopyResult file : replica.files()) {
                files.merge(file.classification(), 1, Integer::sum);
                copies++;
            }
            strays += (int) replica.extras().stream()
                    .filter(r -> r.classification() == Classification.EXTRA)
                    .count();
        }
        int fileCount =
                check.replicas().isEmpty() ? 0 : check.replicas().get(0).files().size();
        return "fixity check of " + check.packageId().urn() + " on "
                + check.replicas().size() + (check.replicas().size() == 1 ? " replica (" : " replicas (")
                + check.replicas().stream().map(ReplicaCheck::replicaId).collect(Collectors.joining(", ")) + "): "
                + fileCount + " files, " + copies + " file copies (" + counts(files) + "), inventories ("
                + counts(inventories) + "), " + strays + " stray files, " + check.bytesRead() + " bytes read";
    }

    private static String counts(Map<Classification, Integer> counts) {
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private PremisEvent event(String type, Instant time, String outcome, String detail, String object) {
        return new PremisEvent(UUID.randomUUID().toString(), type, time, outcome, detail, agent, object);
    }
}
