package vn.kho.preservation.fixity;

import java.util.Objects;
import vn.kho.storage.InventoryDocument;

/**
 * What one replica's inventory of one package was found to be.
 *
 * @param result {@link Classification#OK}, {@link Classification#INVENTORY_CORRUPT} (naming every problem) or
 *     {@link Classification#MISSING} (no object at all)
 * @param layout the inventory that locates this replica's files: the root inventory when it is valid OCFL, else the
 *     newest version directory's copy when that is valid and agrees with its own sidecar, else null
 */
public record InventoryVerdict(CopyResult result, InventoryDocument layout) {
    public InventoryVerdict {
        Objects.requireNonNull(result, "result");
        if (result.isOk() && layout == null) {
            throw new IllegalArgumentException("a sound inventory locates the files");
        }
    }

    /** Whether this replica's inventory can be copied to others: it agrees with its sidecar, OCFL and the index. */
    public boolean trusted() {
        return result.isOk();
    }
}
