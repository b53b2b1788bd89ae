package vn.kho.preservation.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.kho.repository.KhoException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.ContentFile;
import vn.kho.storage.IndexedFile;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.OcflInventoryParser;

/**
 * Checks one replica's inventory of one package: the root {@code inventory.json} against its sidecar, as an OCFL 1.1
 * inventory (ocfl-java's validator), against the head version directory's copy and its sidecar, and against the
 * index's files of the head version. Inventories are read whole (they must be parsed whole anyway); content files
 * never are.
 */
final class InventoryCheck {
    private static final String INVENTORY = OcflInventoryParser.INVENTORY;
    private static final String SIDECAR = OcflInventoryParser.SIDECAR;
    private static final Pattern VERSION_INVENTORY = Pattern.compile("v(\\d+)/inventory\\.json");
    /** How many disagreements with the index are named before "and N more". */
    private static final int NAMED = 10;

    private final Clock clock;

    InventoryCheck(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param objectFiles every file in the object's directory on this replica; empty when it holds no object
     * @param files the package's files in the index
     */
    InventoryVerdict check(Replica replica, PackageId id, List<String> objectFiles, List<IndexedFile> files) {
        String storagePath = replica.storagePath(id, INVENTORY);
        if (objectFiles.isEmpty()) {
            return new InventoryVerdict(
                    new CopyResult(
                            replica.id(),
                            null,
                            INVENTORY,
                            storagePath,
                            Classification.MISSING,
                            null,
                            null,
                            0,
                            clock.instant(),
                            "replica " + replica.id() + " holds no object " + id.urn()),
                    null);
        }
        List<String> problems = new ArrayList<>();
        long[] bytes = {0};
        byte[] json = readSmall(replica, id, INVENTORY, problems, bytes);
        String actual = json == null ? null : FileRead.sha256Of(json);
        String stated = statedDigest(replica, id, SIDECAR, problems, bytes);
        if (actual != null && stated != null && !actual.equals(stated)) {
            problems.add(INVENTORY + " has sha256 " + actual + " but " + SIDECAR + " states " + stated);
        }
        InventoryDocument root = null;
        if (json != null) {
            try {
                root = OcflInventoryParser.parse(json, id.urn());
            } catch (KhoException e) {
                problems.add(INVENTORY + ": " + e.getMessage());
            }
        }
        InventoryDocument layout = root;
        if (root != null) {
            compare(root, id, files, problems);
            checkVersionCopy(replica, id, root, problems, bytes);
        } else {
            layout = newestVersionCopy(replica, id, objectFiles, bytes);
        }
        Classification classification = problems.isEmpty() ? Classification.OK : Classification.INVENTORY_CORRUPT;
        String detail = problems.isEmpty()
                ? INVENTORY + " agrees with its sidecar, the head version's copy, OCFL 1.1 and the index"
                : String.join("; ", problems);
        return new InventoryVerdict(
                new CopyResult(
                        replica.id(),
                        null,
                        INVENTORY,
                        storagePath,
                        classification,
                        stated,
                        actual,
                        bytes[0],
                        clock.instant(),
                        detail),
                layout);
    }

    /** The inventory's statement about the head version's files against the index's, naming each disagreement. */
    private static void compare(InventoryDocument inventory, PackageId id, List<IndexedFile> files, List<String> out) {
        if (!inventory.head().id().equals(id)) {
            out.add(INVENTORY + " is the inventory of " + inventory.head().id().urn() + ", not of " + id.urn());
        }
        Map<String, ContentFile> stated = inventory.head().files();
        List<String> disagreements = new ArrayList<>();
        for (IndexedFile indexed : files) {
            String path = indexed.file().path();
            ContentFile file = stated.get(path);
            if (file == null) {
                disagreements.add("it states no file " + path + " that the index has");
            } else if (!file.sha256().equals(indexed.file().sha256())) {
                disagreements.add("it states sha256 " + file.sha256() + " for " + path + ", the index "
                        + indexed.file().sha256());
            }
        }
        Set<String> indexed = files.stream().map(f -> f.file().path()).collect(Collectors.toSet());
        stated.keySet().stream()
                .filter(path -> !indexed.contains(path))
                .sorted()
                .forEach(path -> disagreements.add("it states a file " + path + " that the index does not have"));
        if (!disagreements.isEmpty()) {
            List<String> named = disagreements.subList(0, Math.min(NAMED, disagreements.size()));
            out.add(INVENTORY + " disagrees with the index about " + inventory.headVersion() + ": "
                    + String.join(", ", named)
                    + (disagreements.size() > NAMED ? " and " + (disagreements.size() - NAMED) + " more" : ""));
        }
    }

    /** OCFL: the head version directory holds an identical copy of the root inventory, and of its sidecar. */
    private static void checkVersionCopy(
            Replica replica, PackageId id, InventoryDocument root, List<String> problems, long[] bytes) {
        String copy = root.headVersion() + "/" + INVENTORY;
        byte[] json = readSmall(replica, id, copy, problems, bytes);
        if (json != null && !FileRead.sha256Of(json).equals(root.sha256())) {
            problems.add(copy + " differs from the root " + INVENTORY);
        }
        String sidecar = root.headVersion() + "/" + SIDECAR;
        String stated = statedDigest(replica, id, sidecar, problems, bytes);
        if (stated != null && !stated.equals(root.sha256())) {
            problems.add(sidecar + " states " + stated + ", not the inventory's sha256 " + root.sha256());
        }
    }

    /**
     * When the root inventory is gone or broken, the newest version directory's copy still locates the files, if it is
     * valid and agrees with its own sidecar. It is never trusted enough to be copied to another replica.
     */
    private static InventoryDocument newestVersionCopy(
            Replica replica, PackageId id, List<String> objectFiles, long[] bytes) {
        Optional<String> newest = objectFiles.stream()
                .map(VERSION_INVENTORY::matcher)
                .filter(Matcher::matches)
                .max(Comparator.comparingLong(m -> Long.parseLong(m.group(1))))
                .map(Matcher::group);
        if (newest.isEmpty()) {
            return null;
        }
        List<String> ignored = new ArrayList<>();
        byte[] json = readSmall(replica, id, newest.get(), ignored, bytes);
        String stated = statedDigest(replica, id, newest.get() + ".sha256", ignored, bytes);
        if (json == null || stated == null || !FileRead.sha256Of(json).equals(stated)) {
            return null;
        }
        try {
            return OcflInventoryParser.parse(json, id.urn());
        } catch (KhoException e) {
            return null;
        }
    }

    private static String statedDigest(
            Replica replica, PackageId id, String sidecar, List<String> problems, long[] bytes) {
        byte[] text = readSmall(replica, id, sidecar, problems, bytes);
        if (text == null) {
            return null;
        }
        try {
            return OcflInventoryParser.sidecarDigest(text);
        } catch (KhoException e) {
            problems.add(sidecar + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * The most an inventory may hold: a package of a million files has an inventory of a few hundred megabytes at most,
     * and a damaged replica must not make an audit read a huge file into memory.
     */
    static final int MAX_INVENTORY_BYTES = 512 << 20;

    /**
     * An inventory or a sidecar, whole; null (and a problem named) when it is missing, cannot be read, or is larger
     * than {@link #MAX_INVENTORY_BYTES}.
     */
    private static byte[] readSmall(Replica replica, PackageId id, String path, List<String> problems, long[] bytes) {
        try (InputStream in = replica.openObjectFile(id, path)) {
            byte[] content = in.readNBytes(MAX_INVENTORY_BYTES);
            bytes[0] += content.length;
            if (in.read() >= 0) {
                problems.add(path + " is larger than " + MAX_INVENTORY_BYTES + " bytes, more than an inventory can be");
                return null;
            }
            return content;
        } catch (NotFoundException e) {
            problems.add(path + " is missing");
        } catch (KhoException | IOException | UncheckedIOException e) {
            problems.add(path + " cannot be read: " + e);
        }
        return null;
    }
}
