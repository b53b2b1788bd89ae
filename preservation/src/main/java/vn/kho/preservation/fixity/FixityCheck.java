package vn.kho.preservation.fixity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.PackageIndex;
import vn.kho.storage.Replica;

/**
 * Checks every copy of one package on every replica ({@link CopyCheck} per replica) and records the outcome of each
 * file copy in the index ({@link PackageIndex#recordVerification}), so that reads avoid bad copies at once.
 *
 * <p>Inventories are read first on every replica, so that a replica whose own inventories are lost can have its files
 * located, and its strays told, by a trusted inventory of another.
 */
public final class FixityCheck {
    private final List<Replica> replicas;
    private final PackageIndex index;
    private final CopyCheck copies;
    private final Clock clock;

    /**
     * @param replicas every replica that should hold each package, in order of preference
     */
    public FixityCheck(List<Replica> replicas, PackageIndex index, Clock clock) {
        this.replicas = List.copyOf(replicas);
        this.index = Objects.requireNonNull(index, "index");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.copies = new CopyCheck(clock);
        if (this.replicas.isEmpty()) {
            throw new IllegalArgumentException("no replica to check");
        }
        if (new HashSet<>(this.replicas.stream().map(Replica::id).toList()).size() != this.replicas.size()) {
            throw new IllegalArgumentException("two replicas share an id");
        }
    }

    /**
     * Reads every copy of the package once and classifies it; never throws for a bad copy.
     *
     * @throws NotFoundException {@code PACKAGE_NOT_FOUND} when the index has no such package
     */
    public PackageCheck check(PackageId id) {
        Instant started = clock.instant();
        List<IndexedFile> files = files(index, id);
        List<CopyCheck.Inspection> inspections = new ArrayList<>();
        for (Replica replica : replicas) {
            inspections.add(copies.inspect(replica, id, files));
        }
        InventoryDocument reference = inspections.stream()
                .filter(i -> i.verdict().trusted())
                .map(i -> i.verdict().layout())
                .findFirst()
                .orElse(null);
        List<ReplicaCheck> checks = new ArrayList<>();
        List<PackageIndex.Verification> outcomes = new ArrayList<>();
        for (CopyCheck.Inspection inspection : inspections) {
            ReplicaCheck check = copies.finish(inspection, reference);
            for (CopyResult result : check.files()) {
                outcomes.add(new PackageIndex.Verification(
                        result.logicalPath(),
                        result.replicaId(),
                        result.checkedAt(),
                        result.classification().outcome()));
            }
            checks.add(check);
        }
        index.recordVerifications(id, outcomes);
        return new PackageCheck(id, started, clock.instant(), checks, reference);
    }

    /** The package's files in the index; {@code PACKAGE_NOT_FOUND} when it has no such package. */
    static List<IndexedFile> files(PackageIndex index, PackageId id) {
        if (index.get(id).isEmpty()) {
            throw new NotFoundException("PACKAGE_NOT_FOUND", "the index has no package " + id.urn());
        }
        return index.files(id);
    }
}
