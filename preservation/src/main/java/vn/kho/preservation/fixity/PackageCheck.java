package vn.kho.preservation.fixity;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.kho.repository.PackageId;
import vn.kho.storage.InventoryDocument;

/**
 * One check of every copy of one package: one {@link ReplicaCheck} per replica, in the configured order.
 *
 * @param reference the trusted inventory the replicas were judged against (the first replica's whose inventory agrees
 *     with its sidecar, OCFL and the index); null when no replica holds one
 */
public record PackageCheck(
        PackageId packageId,
        Instant started,
        Instant finished,
        List<ReplicaCheck> replicas,
        InventoryDocument reference) {
    public PackageCheck {
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        replicas = List.copyOf(replicas);
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("finished before it started");
        }
    }

    /** Every result of every replica. */
    public List<CopyResult> results() {
        return replicas.stream().flatMap(r -> r.results().stream()).toList();
    }

    /** The results that are not {@link Classification#OK}. */
    public List<CopyResult> bad() {
        return results().stream().filter(r -> !r.isOk()).toList();
    }

    /** Whether every replica's copy is whole. */
    public boolean allOk() {
        return replicas.stream().allMatch(ReplicaCheck::whole);
    }

    /** How many results of each classification (file copies, inventories and strays alike). */
    public Map<Classification, Integer> counts() {
        Map<Classification, Integer> counts = new EnumMap<>(Classification.class);
        for (CopyResult r : results()) {
            counts.merge(r.classification(), 1, Integer::sum);
        }
        return counts;
    }

    public long bytesRead() {
        return results().stream().mapToLong(CopyResult::bytesRead).sum();
    }

    public Optional<ReplicaCheck> replica(String replicaId) {
        return replicas.stream().filter(r -> r.replicaId().equals(replicaId)).findFirst();
    }
}
