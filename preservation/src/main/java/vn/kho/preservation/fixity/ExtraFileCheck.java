package vn.kho.preservation.fixity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.kho.repository.PackageId;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.OcflInventoryParser;

/**
 * Finds the files in an object's directory that no inventory references: anything but the NAMASTE declaration, the
 * root inventory and its sidecar, each version's copy of them, the manifest's content paths (of every version), and
 * what lies in an object extension Kho writes ({@link #KHO_OBJECT_EXTENSIONS}). Each stray is read once, so what is
 * removed later is on record by size and sha256.
 */
final class ExtraFileCheck {
    /**
     * Object extension directories ({@code extensions/<name>/} in an object root) whose files Kho writes and keeps.
     * None today: Kho's objects carry no object extensions, so anything under {@code extensions/} is a stray too.
     */
    static final Set<String> KHO_OBJECT_EXTENSIONS = Set.of();

    private final Clock clock;

    ExtraFileCheck(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param objectFiles every file in the object's directory on this replica
     * @param inventory the inventory that says what belongs: a trusted one, else this replica's own layout
     */
    List<CopyResult> check(Replica replica, PackageId id, List<String> objectFiles, InventoryDocument inventory) {
        Set<String> known = known(inventory);
        List<CopyResult> extras = new ArrayList<>();
        for (String path : objectFiles) {
            if (known.contains(path) || inKhoExtension(path)) {
                continue;
            }
            FileRead read = FileRead.of(replica, id, path);
            String what =
                    read.complete() ? read.bytes() + " bytes, sha256 " + read.sha256() : "which " + read.problem();
            extras.add(new CopyResult(
                    replica.id(),
                    null,
                    path,
                    replica.storagePath(id, path),
                    Classification.EXTRA,
                    null,
                    read.sha256(),
                    read.bytes(),
                    clock.instant(),
                    "replica " + replica.id() + ": no inventory references " + path + " (" + what + ")"));
        }
        return extras;
    }

    private static Set<String> known(InventoryDocument inventory) {
        Set<String> known = new HashSet<>(inventory.manifest().keySet());
        known.add(OcflInventoryParser.OBJECT_NAMASTE);
        known.add(OcflInventoryParser.INVENTORY);
        known.add(OcflInventoryParser.SIDECAR);
        for (String version : inventory.versions()) {
            known.add(version + "/" + OcflInventoryParser.INVENTORY);
            known.add(version + "/" + OcflInventoryParser.SIDECAR);
        }
        return known;
    }

    private static boolean inKhoExtension(String path) {
        String[] segments = path.split("/", 3);
        return segments.length == 3 && segments[0].equals("extensions") && KHO_OBJECT_EXTENSIONS.contains(segments[1]);
    }
}
