package vn.kho.storage.ocfl;

import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ObjectVersionId;
import io.ocfl.api.model.VersionInfo;
import io.ocfl.core.OcflRepositoryBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.Replica;
import vn.kho.storage.StagedObject;
import vn.kho.storage.StagedVersion;

/**
 * Adds versions to OCFL objects that grow by adding files (the event-log objects) on any kind of replica, at a cost in
 * proportion to what is added, not to the object's size.
 *
 * <p>{@link #stage} builds the next version with ocfl-java on a staging copy of the base's root inventory alone
 * (ocfl-java reads the inventory, not the older content, to add a version); {@link #append} writes the new version's
 * files onto a replica holding the base version, the root inventory and its sidecar last, each file durably and
 * verified by reading it back. A crash during an append leaves version files no inventory names yet (harmless, and
 * overwritten by the next attempt) or, between the inventory and its sidecar, an inventory its sidecar disagrees with,
 * which {@link RootInventory#read} reports so that the caller restores the object whole ({@link #whole}).
 *
 * <p>Not thread-safe: one object at a time.
 */
public final class OcflVersionAppender {
    private final Path stagingRoot;
    private final Path workDir;
    private final KhoOcflLayout layout = new KhoOcflLayout();

    /**
     * @param stagingRoot an OCFL storage root used only by this appender (created if absent); the object staged last
     *     stays there until {@link #discard} or the next stage
     * @param workDir ocfl-java's work directory, on the same filesystem
     */
    public OcflVersionAppender(Path stagingRoot, Path workDir) {
        this.stagingRoot = Objects.requireNonNull(stagingRoot, "stagingRoot");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * Stages the version after {@code base} (null: version 1 of a new object) holding {@code added}, logical path to
     * bytes, none of which may be in the base's head version.
     *
     * @throws StorageFailureException {@code OCFL_APPEND_FAILED} when the version cannot be staged; nothing stays
     *     staged
     */
    public StagedVersion stage(
            PackageId id,
            RootInventory base,
            Map<String, byte[]> added,
            String message,
            String userName,
            String userAddress) {
        Path objectDir = stagingRoot.resolve(layout.objectRootPath(id));
        try {
            Files.createDirectories(workDir);
            DurableFiles.deleteTree(objectDir);
            if (base != null) {
                Files.createDirectories(objectDir);
                Files.writeString(
                        objectDir.resolve(OcflInventoryParser.OBJECT_NAMASTE),
                        OcflInventoryParser.OBJECT_NAMASTE_CONTENT);
                Files.write(objectDir.resolve(OcflInventories.INVENTORY), base.json());
                Files.write(objectDir.resolve(OcflInventories.SIDECAR), base.sidecar());
            }
            OcflRepository repository = new OcflRepositoryBuilder()
                    .defaultLayoutConfig(KhoOcflLayout.layoutConfig())
                    .ocflConfig(KhoOcflLayout.ocflConfig())
                    .storage(storage -> storage.fileSystem(stagingRoot))
                    .workDir(workDir)
                    .build();
            try {
                repository.updateObject(
                        ObjectVersionId.head(id.urn()),
                        new VersionInfo().setMessage(message).setUser(userName, userAddress),
                        updater -> added.forEach(
                                (path, bytes) -> updater.writeFile(new ByteArrayInputStream(bytes), path)));
            } finally {
                repository.close();
            }
            var inventory = OcflInventories.describe(OcflInventories.read(objectDir), objectDir);
            int baseVersion = base == null ? 0 : base.headVersion();
            if (inventory.headVersion() != baseVersion + 1) {
                throw new IllegalStateException(
                        "ocfl-java wrote version " + inventory.headVersion() + " on " + baseVersion);
            }
            return new StagedVersion(
                    id, objectDir, inventory, baseVersion, newFiles(objectDir, inventory.headVersion()));
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteTreeUnchecked(objectDir);
            throw new StorageFailureException(
                    "OCFL_APPEND_FAILED", "cannot stage the next version of " + id.urn() + ": " + e, e);
        }
    }

    /**
     * Writes {@code version} onto {@code replica}, which must hold its base version (for a new object: hold nothing),
     * and reads every written file back.
     *
     * @throws StorageFailureException when a file cannot be written or reads back other than staged ({@code
     *     OCFL_APPEND_FAILED}); what was written before stays, named by no inventory unless the root inventory was
     *     among it
     */
    public void append(Replica replica, StagedVersion version) {
        PackageId id = version.id();
        try {
            if (version.base() == 0) {
                replica.put(new StagedObject(version.objectDir(), version.inventory()), false);
            } else {
                for (String path : version.newFiles()) {
                    Path file = version.objectDir().resolve(path);
                    String sha256;
                    try (InputStream in = Files.newInputStream(file)) {
                        sha256 = Sha256.of(in);
                    }
                    try (InputStream in = Files.newInputStream(file)) {
                        replica.writeObjectFile(id, path, in, sha256);
                    }
                }
            }
            for (String path : version.newFiles()) {
                String staged;
                try (InputStream in = Files.newInputStream(version.objectDir().resolve(path))) {
                    staged = Sha256.of(in);
                }
                String stored;
                try (InputStream in = replica.openObjectFile(id, path)) {
                    stored = Sha256.of(in);
                }
                if (!staged.equals(stored)) {
                    throw new FixityMismatchException(
                            "FIXITY_WRITE_MISMATCH", path + " reads back with sha256 " + stored + ", not " + staged);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new StorageFailureException(
                    "OCFL_APPEND_FAILED",
                    "replica " + replica.id() + ": cannot add version "
                            + version.inventory().headVersion() + " to " + id.urn() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Makes the staged version a whole object, by copying into staging every file {@code source} holds for the object
     * that staging lacks (the base's older versions), for {@link Replica#put} with {@code replace} onto a replica that
     * lacks the object or holds an older or damaged copy. {@code source} must hold the base version.
     *
     * @throws StorageFailureException {@code OCFL_APPEND_FAILED} when the files cannot be copied
     */
    public StagedObject whole(StagedVersion version, Replica source) {
        try {
            if (version.base() > 0) {
                copyMissing(source, version.id(), version.objectDir());
            }
            return new StagedObject(
                    version.objectDir(),
                    OcflInventories.describe(OcflInventories.read(version.objectDir()), version.objectDir()));
        } catch (IOException | RuntimeException e) {
            throw new StorageFailureException(
                    "OCFL_APPEND_FAILED",
                    "cannot copy " + version.id().urn() + " from replica " + source.id() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Stages a copy of the object as {@code source} holds it, for {@link Replica#put} with {@code replace} onto a
     * replica that lacks it or holds an older or damaged copy.
     *
     * @throws StorageFailureException {@code OCFL_APPEND_FAILED} when the files cannot be copied; nothing stays staged
     */
    public StagedObject copy(PackageId id, Replica source) {
        Path objectDir = stagingRoot.resolve(layout.objectRootPath(id));
        try {
            DurableFiles.deleteTree(objectDir);
            copyMissing(source, id, objectDir);
            return new StagedObject(objectDir, OcflInventories.describe(OcflInventories.read(objectDir), objectDir));
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteTreeUnchecked(objectDir);
            throw new StorageFailureException(
                    "OCFL_APPEND_FAILED",
                    "cannot copy " + id.urn() + " from replica " + source.id() + ": " + e.getMessage(),
                    e);
        }
    }

    private static void copyMissing(Replica source, PackageId id, Path objectDir) throws IOException {
        List<String> files;
        try (Stream<String> listed = source.objectFiles(id)) {
            files = listed.toList();
        }
        for (String file : files) {
            Path target = objectDir.resolve(file);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try (InputStream in = source.openObjectFile(id, file)) {
                    Files.copy(in, target);
                }
            }
        }
    }

    /** Removes the staged copy of {@code id}, if any. */
    public void discard(PackageId id) {
        DurableFiles.deleteTreeUnchecked(stagingRoot.resolve(layout.objectRootPath(id)));
    }

    private static List<String> newFiles(Path objectDir, int head) throws IOException {
        List<String> files = new ArrayList<>();
        if (head == 1) {
            files.add(OcflInventoryParser.OBJECT_NAMASTE);
        }
        Path versionDir = objectDir.resolve("v" + head);
        try (Stream<Path> walk = Files.walk(versionDir)) {
            walk.filter(Files::isRegularFile)
                    .map(p -> objectDir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .forEach(files::add);
        }
        files.add(OcflInventories.INVENTORY);
        files.add(OcflInventories.SIDECAR);
        return files;
    }
}
