package vn.kho.storage.ocfl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vn.kho.repository.Finding;
import vn.kho.repository.NotFoundException;

/**
 * Checks OCFL on a local filesystem, offline and without writing anything: a storage root (a directory holding a
 * declaration {@code 0=ocfl_X.Y}) with every object under it, or any other directory as one object root.
 *
 * <p>Objects are checked by ocfl-java's validator, OCFL 1.0 and 1.1, inventories and, unless turned off, the digest
 * of every content file (read as a stream), then by Kho's checks of what that validator misses. Finding codes
 * {@code OCFL_Ennn} and {@code OCFL_Wnnn} are the OCFL validation codes (errors and warnings); codes without a number
 * are Kho's own ({@code OCFL_LAYOUT_PATH_MISMATCH}, {@code OCFL_VALIDATOR_FAILED}, ...). A finding's path is relative
 * to the storage root, or, for a single object, to the object root's parent (it starts with the object's directory
 * name).
 */
public final class OcflVerifier {
    /** What was checked: a storage root or one object root, and how many object roots. */
    public record Summary(boolean storageRoot, long objects) {}

    private final boolean contentFixity;

    /** @param contentFixity whether to read every content file and check its digests */
    public OcflVerifier(boolean contentFixity) {
        this.contentFixity = contentFixity;
    }

    /**
     * Checks {@code path}, handing each finding to {@code sink} as soon as it is made: one object's findings come
     * together, objects in the storage hierarchy's name order.
     *
     * @throws NotFoundException {@code OCFL_PATH_NOT_FOUND} if {@code path} is not a directory
     */
    public Summary verify(Path path, Consumer<Finding> sink) {
        Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir) || dir.getParent() == null) {
            throw new NotFoundException("OCFL_PATH_NOT_FOUND", "not a directory to check: " + path);
        }
        if (StorageRootVerifier.isStorageRoot(dir)) {
            return new Summary(true, new StorageRootVerifier(dir, contentFixity, sink).verify());
        }
        new ObjectRootVerifier(dir.getParent(), contentFixity)
                .verify(dir.getFileName().toString(), sink);
        return new Summary(false, 1);
    }

    /** Every finding about {@code path}, as {@link #verify(Path, Consumer)} makes them. */
    public List<Finding> verify(Path path) {
        List<Finding> findings = new ArrayList<>();
        verify(path, findings::add);
        return findings;
    }
}
