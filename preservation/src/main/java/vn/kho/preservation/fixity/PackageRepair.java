package vn.kho.preservation.fixity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.repository.PackageState;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;

/**
 * Repairs every bad copy that a {@link PackageCheck} found, from copies verified in the same run, never from a copy
 * found bad: per replica, strays are removed first (a directory of strays may stand where a file belongs), then the
 * inventory is restored, then each bad content file is replaced; then replicas that hold none of the object get a
 * whole copy. Every repaired copy is read again before it counts, and its outcome is written to the index.
 *
 * <p>Nothing is written or removed where no trusted inventory (one that agrees with its sidecar, OCFL and the index)
 * says what belongs: with none on any replica, only the report is made.
 *
 * <p>When some file (or the inventory) has no good copy on any replica, the package is marked
 * {@link PackageState#DAMAGED} in the index and an {@link Incident} is returned; otherwise, when some replica's copy
 * is still not whole after the repairs (its replica is down, say), it is marked
 * {@link PackageState#UNDER_REPLICATED}; a package whole on every replica is marked {@link PackageState#ACTIVE}.
 *
 * <p>Not for concurrent use on one package, nor while the package is being written.
 */
public final class PackageRepair {
    private static final String INVENTORY = "inventory.json";

    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private final PackageIndex index;
    private final Clock clock;
    private final CopyCheck copies;
    private final FileRepair files;
    private final InventoryRestore inventories;
    private final ExtraFileRemoval strays;
    private final ObjectRestore objects;

    /**
     * @param replicas every replica, in order of preference as sources
     * @param workDir a local directory where whole objects are staged while restored to a replica
     */
    public PackageRepair(List<Replica> replicas, PackageIndex index, Path workDir, Clock clock) {
        for (Replica replica : replicas) {
            if (this.replicas.put(replica.id(), replica) != null) {
                throw new IllegalArgumentException("two replicas share the id " + replica.id());
            }
        }
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.copies = new CopyCheck(clock);
        this.files = new FileRepair(index, new ContentCheck(clock), clock);
        this.inventories = new InventoryRestore(new InventoryCheck(clock), clock);
        this.strays = new ExtraFileRemoval(clock);
        this.objects = new ObjectRestore(Objects.requireNonNull(workDir, "workDir"));
    }

    /**
     * Repairs what {@code check} found bad and sets the package's state.
     *
     * @throws vn.kho.repository.NotFoundException {@code PACKAGE_NOT_FOUND} when the index no longer has the package
     * @throws IllegalArgumentException when the check names a replica this repair was not given
     */
    public RepairOutcome repair(PackageCheck check) {
        PackageId id = check.packageId();
        List<IndexedFile> indexed = FixityCheck.files(index, id);
        Map<String, PackageFile> byPath = new LinkedHashMap<>();
        indexed.forEach(f -> byPath.put(f.file().path(), f.file()));
        Run run = new Run(id, indexed, check);
        for (ReplicaCheck replica : check.replicas()) {
            if (replica.objectPresent() && !replica.whole()) {
                repairCopy(run, replica, byPath);
            }
        }
        for (ReplicaCheck replica : check.replicas()) {
            if (!replica.objectPresent()) {
                restoreObject(run, replica);
            }
        }
        List<String> damaged = new ArrayList<>();
        if (check.reference() == null) {
            damaged.add(INVENTORY);
        }
        for (IndexedFile file : indexed) {
            if (run.good.getOrDefault(file.file().path(), List.of()).isEmpty()) {
                damaged.add(file.file().path());
            }
        }
        boolean everyReplicaWhole = check.replicas().stream().allMatch(r -> run.whole.contains(r.replicaId()));
        PackageState state = !damaged.isEmpty()
                ? PackageState.DAMAGED
                : everyReplicaWhole ? PackageState.ACTIVE : PackageState.UNDER_REPLICATED;
        if (index.get(id).map(p -> p.state() != state).orElse(true)) {
            index.setState(id, state);
        }
        Incident incident = damaged.isEmpty() ? null : incident(check, damaged);
        return new RepairOutcome(id, run.repairs, damaged, state, incident);
    }

    /** Strays, then the inventory, then the content files of one replica that holds the object. */
    private void repairCopy(Run run, ReplicaCheck check, Map<String, PackageFile> byPath) {
        Replica target = replica(check.replicaId());
        boolean whole = true;
        for (CopyResult stray : check.extras()) {
            if (stray.classification() != Classification.EXTRA) {
                whole = false; // the object could not be listed: strays go unseen until it can
                continue;
            }
            whole &= run.add(strays.remove(target, run.id, stray)).repaired();
        }
        if (!check.inventory().trusted()) {
            List<InventoryRestore.Trusted> sources = run.trusted.stream()
                    .filter(t -> !t.replica().id().equals(target.id()))
                    .toList();
            Repair repair = run.add(inventories.restore(target, run.id, run.indexed, sources));
            whole &= repair.repaired();
            if (repair.repaired()) {
                sources.stream()
                        .filter(t -> t.replica().id().equals(repair.sourceReplicaId()))
                        .forEach(t -> run.trusted.add(new InventoryRestore.Trusted(target, t.inventory())));
            }
        }
        if (run.check.reference() == null) {
            return; // no trusted inventory says where the files belong: nothing is written where it might be wrong
        }
        Map<String, List<CopyResult>> byObjectPath = new LinkedHashMap<>();
        for (CopyResult result : check.files()) {
            if (result.isOk()) {
                continue;
            }
            if (result.objectPath() == null) {
                whole = false; // nothing locates it: no inventory knows the file
                continue;
            }
            byObjectPath
                    .computeIfAbsent(result.objectPath(), p -> new ArrayList<>())
                    .add(result);
        }
        for (Map.Entry<String, List<CopyResult>> group : byObjectPath.entrySet()) {
            List<PackageFile> files = group.getValue().stream()
                    .map(r -> byPath.get(r.logicalPath()))
                    .toList();
            List<Source> sources = run.good.getOrDefault(files.get(0).path(), List.of()).stream()
                    .filter(s -> !s.replica().id().equals(target.id()))
                    .toList();
            FileRepair.Outcome outcome = this.files.repair(target, run.id, group.getKey(), files, sources);
            run.add(outcome.repair());
            outcome.badSources().keySet().forEach(bad -> run.forget(files, bad));
            if (outcome.repair().repaired()) {
                for (PackageFile file : files) {
                    run.good
                            .computeIfAbsent(file.path(), p -> new ArrayList<>())
                            .add(new Source(target, group.getKey()));
                }
            } else {
                whole = false;
            }
        }
        if (whole) {
            run.whole.add(target.id());
        }
    }

    /** A whole copy for a replica that holds none of the object, from one whose copy is whole now. */
    private void restoreObject(Run run, ReplicaCheck check) {
        Replica target = replica(check.replicaId());
        Replica source = replicas.values().stream()
                .filter(r -> run.whole.contains(r.id()))
                .findFirst()
                .orElse(null);
        if (source == null || run.check.reference() == null) {
            run.add(new Repair(
                    target.id(),
                    RepairKind.OBJECT,
                    null,
                    List.of(),
                    null,
                    false,
                    clock.instant(),
                    "restore of the whole object on replica " + target.id()
                            + " not done: no replica holds a whole copy that verifies"));
            return;
        }
        String done;
        boolean repaired = false;
        try {
            objects.restore(target, run.id, source, run.check.reference());
            ReplicaCheck recheck = copies.check(target, run.id, run.indexed, run.check.reference());
            for (CopyResult result : recheck.files()) {
                index.recordVerification(
                        run.id,
                        result.logicalPath(),
                        target.id(),
                        result.checkedAt(),
                        result.classification().outcome());
            }
            repaired = recheck.whole();
            done = "copied through the replica's atomic put and checked again: "
                    + (repaired
                            ? "whole"
                            : recheck.results().stream()
                                    .filter(r -> !r.isOk())
                                    .map(CopyResult::detail)
                                    .collect(Collectors.joining("; ")));
            if (repaired) {
                run.whole.add(target.id());
                for (CopyResult result : recheck.files()) {
                    run.good
                            .computeIfAbsent(result.logicalPath(), p -> new ArrayList<>())
                            .add(new Source(target, result.objectPath()));
                }
            }
        } catch (IOException | RuntimeException e) {
            done = "failed: " + e.getMessage();
        }
        run.add(new Repair(
                target.id(),
                RepairKind.OBJECT,
                null,
                List.of(),
                source.id(),
                repaired,
                clock.instant(),
                "repair of the whole object " + run.id.urn() + " on replica " + target.id() + " from replica "
                        + source.id() + ": " + done));
    }

    private Incident incident(PackageCheck check, List<String> damaged) {
        List<String> where = new ArrayList<>();
        List<String> cause = new ArrayList<>();
        for (CopyResult result : check.results()) {
            boolean lostFile = result.isPackageFile() && damaged.contains(result.logicalPath());
            boolean lostInventory =
                    !result.isPackageFile() && damaged.contains(INVENTORY) && INVENTORY.equals(result.objectPath());
            if (lostFile || lostInventory) {
                where.add("replica " + result.replicaId() + ": "
                        + (result.storagePath() == null ? result.logicalPath() : result.storagePath()) + " ("
                        + result.classification() + ")");
                cause.add(result.detail());
            }
        }
        int lost = damaged.size();
        return new Incident(
                UUID.randomUUID().toString(),
                check.packageId(),
                IncidentState.OPEN,
                check.finished(),
                "package " + check.packageId().urn() + " is DAMAGED: no replica holds a good copy of " + lost
                        + (lost == 1 ? " file: " : " files: ") + String.join(", ", damaged),
                where,
                String.join("; ", cause),
                "Put a good copy of each file named (from a backup, or from the producer's original submission, which"
                        + " must have the sha256 the index states) on one replica, then audit the package again: the"
                        + " audit repairs the other replicas from it and marks the package ACTIVE. Until then reads of"
                        + " these files fail and the package is reported DAMAGED."
                        + (damaged.contains(INVENTORY)
                                ? " If every replica's inventory agrees with its sidecar and with the others', the"
                                        + " index may be what is wrong: rebuild it from the replicas."
                                : ""));
    }

    private Replica replica(String id) {
        Replica replica = replicas.get(id);
        if (replica == null) {
            throw new IllegalArgumentException("the check names replica " + id + ", which this repair was not given");
        }
        return replica;
    }

    /** What one repair run knows: verified copies (growing as copies are repaired), trusted inventories, repairs. */
    private final class Run {
        final PackageId id;
        final List<IndexedFile> indexed;
        final PackageCheck check;
        /** For each logical path, the copies verified in this run, in the order found. */
        final Map<String, List<Source>> good = new LinkedHashMap<>();
        /** Replicas whose inventory is trusted (found so, or restored), with that inventory. */
        final List<InventoryRestore.Trusted> trusted = new ArrayList<>();
        /** Replicas whose copy is whole now. */
        final Set<String> whole = new HashSet<>();

        final List<Repair> repairs = new ArrayList<>();

        Run(PackageId id, List<IndexedFile> indexed, PackageCheck check) {
            this.id = id;
            this.indexed = indexed;
            this.check = check;
            for (ReplicaCheck replica : check.replicas()) {
                Replica r = replica(replica.replicaId());
                for (CopyResult result : replica.files()) {
                    if (result.isOk()) {
                        good.computeIfAbsent(result.logicalPath(), p -> new ArrayList<>())
                                .add(new Source(r, result.objectPath()));
                    }
                }
                if (replica.inventory().trusted()) {
                    trusted.add(
                            new InventoryRestore.Trusted(r, replica.inventory().layout()));
                }
                if (replica.whole()) {
                    whole.add(replica.replicaId());
                }
            }
        }

        Repair add(Repair repair) {
            repairs.add(repair);
            return repair;
        }

        /** A source that turned out bad during a repair is no source for these files any more. */
        void forget(List<PackageFile> files, String replicaId) {
            for (PackageFile file : files) {
                List<Source> sources = good.get(file.path());
                if (sources != null) {
                    sources.removeIf(s -> s.replica().id().equals(replicaId));
                }
            }
            whole.remove(replicaId);
        }
    }
}
