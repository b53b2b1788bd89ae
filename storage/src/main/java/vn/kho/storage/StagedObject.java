package vn.kho.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A complete OCFL object built once in staging, ready to be copied byte-for-byte to every replica.
 *
 * @param objectDir the object root directory (holds {@code 0=ocfl_object_1.1} and {@code inventory.json})
 * @param inventory what its inventory says
 */
public record StagedObject(Path objectDir, ObjectInventory inventory) {
    public StagedObject {
        Objects.requireNonNull(objectDir, "objectDir");
        Objects.requireNonNull(inventory, "inventory");
    }
}
