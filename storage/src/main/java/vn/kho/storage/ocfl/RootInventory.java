package vn.kho.storage.ocfl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;

/**
 * An object's root inventory as one replica holds it, read through {@link Replica#openObjectFile} (so it works on
 * every kind of replica) and found to agree with its sidecar.
 *
 * @param json the bytes of {@code inventory.json}
 * @param sidecar the bytes of {@code inventory.json.sha256}
 * @param document what the inventory says
 */
public record RootInventory(byte[] json, byte[] sidecar, InventoryDocument document) {
    /**
     * Reads the root inventory of {@code id} on {@code replica}; empty when the replica does not hold the object.
     *
     * @throws StorageFailureException when the object is there but its inventory cannot be read or trusted:
     *     {@code OCFL_INVENTORY_INVALID}, {@code OCFL_SIDECAR_INVALID}, {@code OCFL_INVENTORY_CORRUPT} (the sidecar
     *     states another digest), or the codes of {@link Replica#openObjectFile} (a missing inventory among them)
     */
    public static Optional<RootInventory> read(Replica replica, PackageId id) {
        if (!replica.contains(id)) {
            return Optional.empty();
        }
        byte[] json = bytes(replica, id, OcflInventories.INVENTORY);
        byte[] sidecar = bytes(replica, id, OcflInventories.SIDECAR);
        InventoryDocument document = OcflInventoryParser.parse(json, replica.id() + ":" + id.urn());
        String stated = OcflInventoryParser.sidecarDigest(sidecar);
        if (!stated.equals(document.sha256())) {
            throw new StorageFailureException(
                    "OCFL_INVENTORY_CORRUPT",
                    "replica " + replica.id() + ": the inventory of " + id.urn() + " has sha256 " + document.sha256()
                            + ", its sidecar states " + stated);
        }
        return Optional.of(new RootInventory(json, sidecar, document));
    }

    /** The head version's number. */
    public int headVersion() {
        return document.head().headVersion();
    }

    private static byte[] bytes(Replica replica, PackageId id, String path) {
        try (InputStream in = replica.openObjectFile(id, path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageFailureException(
                    "OCFL_FILE_UNREADABLE", "replica " + replica.id() + ": cannot read " + path + " of " + id.urn(), e);
        }
    }
}
