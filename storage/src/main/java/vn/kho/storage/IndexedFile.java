package vn.kho.storage;

import java.util.List;
import java.util.Objects;
import vn.kho.repository.PackageFile;

/** A file of a package in the index, with the state of each of its copies. */
public record IndexedFile(PackageFile file, List<CopyStatus> copies) {
    public IndexedFile {
        Objects.requireNonNull(file, "file");
        copies = List.copyOf(copies);
    }
}
