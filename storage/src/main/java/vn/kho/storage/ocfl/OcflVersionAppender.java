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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.Replica;
import vn.kho.storage.StagedObject;

/**
 * Stages the next version of a small OCFL object that grows by adding files (the event-log objects): the object's
 * current files are copied from a replica into staging, ocfl-java's {@code updateObject} writes one new version holding
 * the added files on top, and the result is a {@link StagedObject} to put (replacing) on every replica. With no
 * replica to copy from, version 1 is created.
 *
 * <p>Every append copies the whole object, so it costs time in proportion to the object's size; meant for objects of
 * thousands of small files, not for packages. Not thread-safe: one append at a time.
 */
public final class OcflVersionAppender {
    private final Path stagingRoot;
    private final Path workDir;
    private final KhoOcflLayout layout = new KhoOcflLayout();

    /**
     * @param stagingRoot an OCFL storage root used only by this appender (created if absent); the object staged last
     *     stays there until {@link #discard} or the next append
     * @param workDir ocfl-java's work directory, on the same filesystem
     */
    public OcflVersionAppender(Path stagingRoot, Path workDir) {
        this.stagingRoot = Objects.requireNonNull(stagingRoot, "stagingRoot");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * Stages the next version of {@code id}: a copy of the object as {@code source} holds it (null: a new object)
     * plus {@code added}, logical path to bytes, none of which may be in the object's head version yet.
     *
     * @throws StorageFailureException {@code OCFL_APPEND_FAILED} when the copy or the new version cannot be written;
     *     nothing stays staged
     */
    public StagedObject stage(
            PackageId id,
            Replica source,
            Map<String, byte[]> added,
            String message,
            String userName,
            String userAddress) {
        Path objectDir = stagingRoot.resolve(layout.objectRootPath(id));
        try {
            Files.createDirectories(workDir);
            DurableFiles.deleteTree(objectDir);
            if (source != null) {
                copyObject(source, id, objectDir);
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
            return new StagedObject(objectDir, OcflInventories.describe(OcflInventories.read(objectDir), objectDir));
        } catch (IOException | RuntimeException e) {
            DurableFiles.deleteTreeUnchecked(objectDir);
            throw new StorageFailureException(
                    "OCFL_APPEND_FAILED", "cannot stage the next version of " + id.urn() + ": " + e, e);
        }
    }

    /** Removes the staged copy of {@code id}, if any. */
    public void discard(PackageId id) {
        DurableFiles.deleteTreeUnchecked(stagingRoot.resolve(layout.objectRootPath(id)));
    }

    private static void copyObject(Replica source, PackageId id, Path objectDir) throws IOException {
        List<String> files;
        try (Stream<String> listed = source.objectFiles(id)) {
            files = listed.toList();
        }
        for (String file : files) {
            Path target = objectDir.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = source.openObjectFile(id, file)) {
                Files.copy(in, target);
            }
        }
    }
}
