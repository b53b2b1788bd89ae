package vn.kho.preservation.fixity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.OcflInventoryParser;

/**
 * Restores a replica's inventory from another replica whose inventory is trusted (agrees with its sidecar, with OCFL and
 * with the index): the head version's copies first, then the root inventory, its sidecar last, so that a crash part way
 * leaves a sidecar that disagrees, which the next audit finds and repairs again. Every file is written through
 * {@link Replica#writeObjectFile} with the digest it must have, then the target's inventory is checked again.
 */
final class InventoryRestore {
    private static final String INVENTORY = OcflInventoryParser.INVENTORY;
    private static final String SIDECAR = OcflInventoryParser.SIDECAR;

    private final InventoryCheck inventories;
    private final Clock clock;

    InventoryRestore(InventoryCheck inventories, Clock clock) {
        this.inventories = inventories;
        this.clock = clock;
    }

    /**
     * @param sources replicas whose inventory was trusted in this run, with the inventory they hold, in order of
     *     preference; the first whose files still verify is used
     */
    Repair restore(Replica target, PackageId id, List<IndexedFile> files, List<Trusted> sources) {
        List<String> passedOver = new ArrayList<>();
        for (Trusted source : sources) {
            String from = source.replica().id();
            try {
                copy(target, id, source);
            } catch (KhoException | IOException e) {
                passedOver.add("replica " + from + ": " + e.getMessage());
                continue;
            }
            List<String> objectFiles;
            try (Stream<String> listed = target.objectFiles(id)) {
                objectFiles = listed.toList();
            }
            CopyResult recheck =
                    inventories.check(target, id, objectFiles, files).result();
            return new Repair(
                    target.id(),
                    RepairKind.INVENTORY,
                    INVENTORY,
                    List.of(),
                    from,
                    recheck.isOk(),
                    clock.instant(),
                    "repair of " + INVENTORY + ", " + SIDECAR + " and their copies in "
                            + source.inventory().headVersion()
                            + " on replica " + target.id() + " from replica " + from
                            + ": written, forced to disk and checked again: " + recheck.classification()
                            + (recheck.isOk() ? "" : " (" + recheck.detail() + ")")
                            + (passedOver.isEmpty() ? "" : "; passed over: " + String.join("; ", passedOver)));
        }
        return new Repair(
                target.id(),
                RepairKind.INVENTORY,
                INVENTORY,
                List.of(),
                null,
                false,
                clock.instant(),
                "repair of " + INVENTORY + " on replica " + target.id() + " not done: no other replica holds an "
                        + "inventory that agrees with its sidecar, OCFL and the index"
                        + (passedOver.isEmpty() ? "" : " (" + String.join("; ", passedOver) + ")"));
    }

    private static void copy(Replica target, PackageId id, Trusted source) throws IOException {
        InventoryDocument inventory = source.inventory();
        byte[] sidecar;
        try (InputStream in = source.replica().openObjectFile(id, SIDECAR)) {
            // a sidecar is one digest and a file name: anything longer is not one
            sidecar = in.readNBytes(4096);
        }
        String stated = OcflInventoryParser.sidecarDigest(sidecar);
        if (!stated.equals(inventory.sha256())) {
            throw new IOException("its " + SIDECAR + " now states " + stated + ", not " + inventory.sha256());
        }
        String sidecarSha256 = FileRead.sha256Of(sidecar);
        String head = inventory.headVersion() + "/";
        for (String path : List.of(head + INVENTORY, INVENTORY)) {
            try (InputStream in = source.replica().openObjectFile(id, INVENTORY)) {
                target.writeObjectFile(id, path, in, inventory.sha256());
            }
            target.writeObjectFile(id, path + ".sha256", new ByteArrayInputStream(sidecar), sidecarSha256);
        }
    }

    /** A replica whose inventory was trusted in this run, and that inventory. */
    record Trusted(Replica replica, InventoryDocument inventory) {}
}
