package vn.kho.ingest;

import java.util.List;
import java.util.Objects;
import vn.kho.ingest.unpack.UnpackedPackage;
import vn.kho.repository.Finding;

/**
 * A package after every check: what was unpacked, its root, what its reader made of it, and all findings. When
 * {@code parsed} or {@code root} is null the package was refused before it could be read (findings say why).
 */
public record CheckedPackage(UnpackedPackage unpacked, PackageRoot root, ParsedPackage parsed, List<Finding> findings) {
    public CheckedPackage {
        Objects.requireNonNull(unpacked, "unpacked");
        findings = List.copyOf(findings);
    }
}
