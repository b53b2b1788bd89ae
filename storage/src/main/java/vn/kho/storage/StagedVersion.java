package vn.kho.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vn.kho.repository.PackageId;

/**
 * The next version of an OCFL object, staged on top of the head version one replica holds ({@code base}) without a
 * copy of the object's older content: the staged object directory holds the base's root inventory and sidecar
 * overwritten by the new ones, the object's NAMASTE file and the new version's directory.
 *
 * @param objectDir the staged object directory
 * @param inventory the new head version
 * @param base the head version it was staged on (0: the object is new, and the staged directory is the whole object)
 * @param newFiles the object paths to write onto a replica holding the base version, in a safe order: the new
 *     version's files, then the root inventory, then its sidecar (the NAMASTE file first for a new object)
 */
public record StagedVersion(PackageId id, Path objectDir, ObjectInventory inventory, int base, List<String> newFiles) {
    public StagedVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(objectDir, "objectDir");
        Objects.requireNonNull(inventory, "inventory");
        newFiles = List.copyOf(newFiles);
        if (base < 0 || inventory.headVersion() != base + 1) {
            throw new IllegalArgumentException("version " + inventory.headVersion() + " is not the next after " + base);
        }
    }
}
