package vn.kho.preservation.fixity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import vn.kho.repository.KhoException;
import vn.kho.repository.PackageId;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;

/**
 * The check of one package's copy on one replica: its inventory and sidecar ({@link Classification#INVENTORY_CORRUPT}
 * when they disagree, when the inventory is not valid OCFL or disagrees with the index), every file of the head
 * version read once and compared with the index ({@link Classification#OK}, {@link Classification#MISMATCH},
 * {@link Classification#MISSING}, {@link Classification#UNREADABLE}), and every file in the object's directory that no
 * inventory references ({@link Classification#EXTRA}). A bad copy is a result, never an exception.
 *
 * <p>Not for concurrent use with a repair or a write of the same package.
 */
public final class CopyCheck {
    private final InventoryCheck inventories;
    private final ContentCheck contents;
    private final ExtraFileCheck extras;
    private final Clock clock;

    public CopyCheck(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inventories = new InventoryCheck(clock);
        this.contents = new ContentCheck(clock);
        this.extras = new ExtraFileCheck(clock);
    }

    /**
     * Checks the copy of the package {@code id} on {@code replica}.
     *
     * @param files the package's files, as the index holds them
     * @param reference a trusted inventory read from another replica, to locate files that this replica's own
     *     inventories no longer locate and to tell what is a stray; may be null
     * @throws vn.kho.repository.StorageFailureException only for failures that are not about the copy (none from
     *     {@link vn.kho.storage.ocfl.FilesystemReplica})
     */
    public ReplicaCheck check(Replica replica, PackageId id, List<IndexedFile> files, InventoryDocument reference) {
        return finish(inspect(replica, id, files), reference);
    }

    /** The first half of a check: the object's listing and the inventory, from which a reference may be chosen. */
    Inspection inspect(Replica replica, PackageId id, List<IndexedFile> files) {
        List<String> objectFiles;
        CopyResult unlisted = null;
        try (Stream<String> listed = replica.objectFiles(id)) {
            objectFiles = listed.toList();
        } catch (KhoException e) {
            objectFiles = null;
            unlisted = new CopyResult(
                    replica.id(),
                    null,
                    null,
                    null,
                    Classification.UNREADABLE,
                    null,
                    null,
                    0,
                    clock.instant(),
                    "replica " + replica.id() + ": " + e.getMessage());
        }
        // An object whose directory cannot be listed is still read file by file: only the strays go unseen.
        List<String> known = objectFiles == null ? List.of("inventory.json") : objectFiles;
        InventoryVerdict verdict = inventories.check(replica, id, known, files);
        return new Inspection(replica, id, List.copyOf(files), objectFiles, unlisted, verdict);
    }

    /** The second half: every file of the head version, and the strays. */
    ReplicaCheck finish(Inspection inspection, InventoryDocument reference) {
        Replica replica = inspection.replica();
        InventoryDocument own = inspection.verdict().layout();
        // Where an untrusted inventory and a trusted one disagree, the trusted one says where a file belongs: it is
        // the one a repair restores.
        InventoryDocument layout = inspection.verdict().trusted() || reference == null ? own : reference;
        List<InventoryDocument> locators = new ArrayList<>();
        locators.add(layout);
        locators.add(own);
        List<CopyResult> fileResults = contents.check(replica, inspection.id(), inspection.files(), locators, own);
        // Only a trusted inventory may call a file a stray: strays are removed, and an inventory that is not this
        // object's, or was tampered with, would have real content removed.
        InventoryDocument trusted = inspection.verdict().trusted() ? own : reference;
        List<CopyResult> strays;
        if (inspection.unlisted() != null) {
            strays = List.of(inspection.unlisted());
        } else if (trusted == null) {
            strays = List.of(); // judged once an inventory is restored
        } else {
            strays = extras.check(replica, inspection.id(), inspection.objectFiles(), trusted);
        }
        boolean present =
                inspection.objectFiles() == null || !inspection.objectFiles().isEmpty();
        return new ReplicaCheck(replica.id(), present, inspection.verdict(), fileResults, strays, layout);
    }

    /** What {@link #inspect} found; {@code objectFiles} is null when the object could not be listed. */
    record Inspection(
            Replica replica,
            PackageId id,
            List<IndexedFile> files,
            List<String> objectFiles,
            CopyResult unlisted,
            InventoryVerdict verdict) {}
}
