package vn.kho.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A complete OCFL object built once in staging, ready to be copied byte-for-byte to every replica.
 *
 * @param objectDir the object root directory (holds {@code 0=ocfl_object_1.1} and {@code inventory.json})
 * @param inventory what its inventory says
 * @param linkable whether the replica it is handed to may take its files by hard link instead of copying them (when
 *     staging is on that replica's filesystem). {@link ReplicatedWriter} offers this to one replica only, since staging
 *     is deleted after the store but two replicas sharing blocks would not be independent copies.
 */
public record StagedObject(Path objectDir, ObjectInventory inventory, boolean linkable) {
    public StagedObject {
        Objects.requireNonNull(objectDir, "objectDir");
        Objects.requireNonNull(inventory, "inventory");
    }

    /** An object whose files are to be copied. */
    public StagedObject(Path objectDir, ObjectInventory inventory) {
        this(objectDir, inventory, false);
    }

    /** The same object, its files offered for hard linking (see {@link #linkable()}). */
    public StagedObject offeredForLinking() {
        return new StagedObject(objectDir, inventory, true);
    }
}
