package vn.kho.preservation.fixity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.kho.repository.PackageFile;
import vn.kho.repository.PackageId;
import vn.kho.storage.ContentFile;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;

/**
 * Reads every file of a package's head version on one replica once, streamed, and compares its sha256 and size with
 * the index's (and names what the replica's own inventory states when that differs). A content file that backs several
 * logical paths (OCFL de-duplication) is read once and judged for each of them.
 */
final class ContentCheck {
    private final Clock clock;

    ContentCheck(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param locators the inventories that say where each file is, the first that knows a file wins (nulls skipped):
     *     this replica's own when it is trusted, else a trusted one of another replica (copies are byte-identical, so
     *     content paths are the same on every replica), then this replica's untrusted own
     * @param own this replica's own inventory, when one parses, to name what it states about a file where that is not
     *     the index's; may be null
     */
    List<CopyResult> check(
            Replica replica,
            PackageId id,
            List<IndexedFile> files,
            List<InventoryDocument> locators,
            InventoryDocument own) {
        Map<String, FileRead> reads = new HashMap<>();
        List<CopyResult> results = new ArrayList<>();
        List<IndexedFile> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing(f -> f.file().path()));
        for (IndexedFile indexed : ordered) {
            PackageFile file = indexed.file();
            ContentFile stated = locate(own, file.path());
            ContentFile located = locators.stream()
                    .map(inventory -> locate(inventory, file.path()))
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (located == null) {
                results.add(new CopyResult(
                        replica.id(),
                        file.path(),
                        null,
                        null,
                        Classification.MISSING,
                        file.sha256(),
                        null,
                        0,
                        clock.instant(),
                        "no inventory of replica " + replica.id() + " or of another replica locates " + file.path()));
                continue;
            }
            boolean first = !reads.containsKey(located.contentPath());
            FileRead read = reads.computeIfAbsent(located.contentPath(), path -> FileRead.of(replica, id, path));
            results.add(judge(replica, id, file, located.contentPath(), read, first ? read.bytes() : 0, stated));
        }
        return results;
    }

    /** Reads one copy again (after a repair) and judges it. */
    CopyResult recheck(Replica replica, PackageId id, PackageFile file, String objectPath) {
        FileRead read = FileRead.of(replica, id, objectPath);
        return judge(replica, id, file, objectPath, read, read.bytes(), null);
    }

    private CopyResult judge(
            Replica replica,
            PackageId id,
            PackageFile file,
            String objectPath,
            FileRead read,
            long bytesCounted,
            ContentFile stated) {
        String where = "replica " + replica.id() + ": " + file.path() + " (" + objectPath + ") ";
        Classification classification;
        String detail;
        if (!read.complete()) {
            classification = read.failure();
            detail = where + read.problem();
        } else if (read.sha256().equals(file.sha256()) && read.bytes() == file.size()) {
            classification = Classification.OK;
            detail = where + "has the index's sha256 and size";
        } else {
            classification = Classification.MISMATCH;
            detail = where + "has sha256 " + read.sha256() + " (" + read.bytes() + " bytes), the index expects "
                    + file.sha256() + " (" + file.size() + " bytes)";
        }
        if (stated != null && !stated.sha256().equals(file.sha256())) {
            detail += "; this replica's inventory states " + stated.sha256();
        }
        return new CopyResult(
                replica.id(),
                file.path(),
                objectPath,
                replica.storagePath(id, objectPath),
                classification,
                file.sha256(),
                read.sha256(),
                bytesCounted,
                clock.instant(),
                detail);
    }

    private static ContentFile locate(InventoryDocument inventory, String logicalPath) {
        return inventory == null ? null : inventory.head().files().get(logicalPath);
    }
}
