package vn.kho.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to go into a new OCFL version, already hashed on its way in so it is never hashed again while building.
 *
 * @param logicalPath its path in the version
 * @param source where it is on the staging disk (it may be moved, not copied)
 * @param sha256 lowercase hex
 * @param size bytes
 */
public record StagedFile(String logicalPath, Path source, String sha256, long size) {
    public StagedFile {
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sha256, "sha256");
    }
}
