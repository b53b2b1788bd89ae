package vn.kho.ingest;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import vn.kho.ingest.unpack.UnpackedFile;

/**
 * The root folder of an unpacked package: the zip's only top-level folder when it has one, else the zip's root.
 *
 * @param dir the folder on disk
 * @param prefix the zip-entry prefix of the root ("" or "name/")
 * @param files every file below the root, keyed by its path relative to the root
 */
public record PackageRoot(Path dir, String prefix, Map<String, UnpackedFile> files) {
    public PackageRoot {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(prefix, "prefix");
        files = Map.copyOf(files);
    }
}
