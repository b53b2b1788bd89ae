package vn.kho.ingest.unpack;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vn.kho.repository.Finding;

/**
 * The result of unpacking a zip: the files written below {@code dir} and the findings. When any finding is an error
 * the package must be rejected (and {@code files} may be incomplete).
 */
public record UnpackedPackage(Path dir, List<UnpackedFile> files, List<Finding> findings) {
    public UnpackedPackage {
        Objects.requireNonNull(dir, "dir");
        files = List.copyOf(files);
        findings = List.copyOf(findings);
    }
}
