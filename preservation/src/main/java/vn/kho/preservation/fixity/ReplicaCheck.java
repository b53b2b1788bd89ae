package vn.kho.preservation.fixity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import vn.kho.storage.InventoryDocument;

/**
 * Every finding of one check of one package on one replica.
 *
 * @param replicaId which replica
 * @param objectPresent whether the replica holds any file of the object at all
 * @param inventory what its inventory was found to be
 * @param files one result per file of the package's head version, in logical-path order
 * @param extras one {@link Classification#EXTRA} result per stray file (and an {@link Classification#UNREADABLE}
 *     one, with no path, when the object's files could not be listed)
 * @param layout the inventory the files were located with (this replica's own, or a trusted one of another replica);
 *     null when none could be
 */
public record ReplicaCheck(
        String replicaId,
        boolean objectPresent,
        InventoryVerdict inventory,
        List<CopyResult> files,
        List<CopyResult> extras,
        InventoryDocument layout) {
    public ReplicaCheck {
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(inventory, "inventory");
        files = List.copyOf(files);
        extras = List.copyOf(extras);
        if (Stream.concat(Stream.of(inventory.result()), Stream.concat(files.stream(), extras.stream()))
                .anyMatch(r -> !r.replicaId().equals(replicaId))) {
            throw new IllegalArgumentException("a result of another replica in the check of " + replicaId);
        }
    }

    /** The inventory's result, then the files', then the strays'. */
    public List<CopyResult> results() {
        List<CopyResult> all = new ArrayList<>(1 + files.size() + extras.size());
        all.add(inventory.result());
        all.addAll(files);
        all.addAll(extras);
        return all;
    }

    /** Whether everything was found as it should be: a trusted inventory, every file OK, no stray. */
    public boolean whole() {
        return inventory.trusted() && extras.isEmpty() && files.stream().allMatch(CopyResult::isOk);
    }
}
