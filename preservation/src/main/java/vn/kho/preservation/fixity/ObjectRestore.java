package vn.kho.preservation.fixity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.UUID;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.PackageId;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.Replica;
import vn.kho.storage.StagedObject;
import vn.kho.storage.ocfl.OcflInventoryParser;

/**
 * Copies a whole object to a replica that holds none of it, through the replica's all-or-nothing {@link Replica#put}:
 * the object is first exported from a replica whose copy was found whole in this run into a private work directory,
 * every file compared on its way with the digest the trusted inventory (or, for an older version's inventory, its own
 * sidecar) gives it, so nothing unverified is staged. The caller checks the new copy again.
 */
final class ObjectRestore {
    private static final String INVENTORY = OcflInventoryParser.INVENTORY;
    private static final String SIDECAR = OcflInventoryParser.SIDECAR;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ObjectRestore.class);

    private final Path workDir;

    /** @param workDir where objects are staged while restored (a private directory per restore, removed afterwards) */
    ObjectRestore(Path workDir) {
        this.workDir = workDir;
    }

    /**
     * @throws FixityMismatchException {@code FIXITY_SOURCE_MISMATCH} when a file of the source no longer verifies
     * @throws vn.kho.repository.KhoException when the source cannot be read or the target cannot be written (the
     *     target then holds no object, as before)
     */
    void restore(Replica target, PackageId id, Replica source, InventoryDocument inventory) throws IOException {
        Path work = Files.createDirectories(workDir).resolve("restore-" + UUID.randomUUID());
        Path object = work.resolve("object");
        try {
            export(source, id, inventory, object);
            target.put(new StagedObject(object, inventory.head()), false);
        } finally {
            deleteTree(work);
        }
    }

    private static void export(Replica source, PackageId id, InventoryDocument inventory, Path object)
            throws IOException {
        Files.createDirectories(object);
        copy(
                source,
                id,
                OcflInventoryParser.OBJECT_NAMASTE,
                object,
                FileRead.sha256Of(OcflInventoryParser.OBJECT_NAMASTE_CONTENT.getBytes(StandardCharsets.US_ASCII)));
        for (String version : inventory.versions()) {
            String prefix = version + "/";
            String digest = version.equals(inventory.headVersion())
                    ? sidecar(source, id, prefix + SIDECAR, object, inventory.sha256())
                    : sidecar(source, id, prefix + SIDECAR, object, null);
            copy(source, id, prefix + INVENTORY, object, digest);
        }
        sidecar(source, id, SIDECAR, object, inventory.sha256());
        copy(source, id, INVENTORY, object, inventory.sha256());
        for (Map.Entry<String, String> content : inventory.manifest().entrySet()) {
            copy(source, id, content.getKey(), object, content.getValue());
        }
    }

    /**
     * Copies a sidecar, which must state {@code expected} when given, and returns the digest it states.
     */
    private static String sidecar(Replica source, PackageId id, String path, Path object, String expected)
            throws IOException {
        byte[] bytes;
        try (InputStream in = source.openObjectFile(id, path)) {
            // a sidecar is one digest and a file name: anything longer is not one
            bytes = in.readNBytes(4096);
        }
        String stated = OcflInventoryParser.sidecarDigest(bytes);
        if (expected != null && !stated.equals(expected)) {
            throw mismatch(source, path, "states " + stated + ", not the inventory's sha256 " + expected);
        }
        Path file = inside(object, path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW);
        return stated;
    }

    private static void copy(Replica source, PackageId id, String path, Path object, String sha256) throws IOException {
        Path file = inside(object, path);
        Files.createDirectories(file.getParent());
        String actual;
        try (InputStream in = source.openObjectFile(id, path);
                OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            actual = FileRead.copyHashed(in, out);
        }
        if (!actual.equals(sha256)) {
            throw mismatch(source, path, "has sha256 " + actual + ", expected " + sha256);
        }
    }

    /** A path from an inventory never leads out of the work directory (OCFL validation refuses such paths too). */
    private static Path inside(Path object, String path) {
        Path file = object.resolve(path).normalize();
        if (!file.startsWith(object) || file.equals(object)) {
            throw new IllegalArgumentException("not a path inside an object: " + path);
        }
        return file;
    }

    private static FixityMismatchException mismatch(Replica source, String path, String what) {
        return new FixityMismatchException(
                "FIXITY_SOURCE_MISMATCH", "replica " + source.id() + "'s " + path + " no longer verifies: it " + what);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // the restore's outcome stands; only disk space is lost until the work directory is emptied
            log.warn("cannot remove the restore's work directory {}: {}", root, e.toString());
        }
    }
}
