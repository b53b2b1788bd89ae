package vn.kho.ingest;

import java.util.List;
import java.util.Objects;
import vn.kho.ingest.format.Characterisation;
import vn.kho.ingest.signature.SignatureCheck;
import vn.kho.ingest.unpack.UnpackedPackage;
import vn.kho.repository.Finding;

/**
 * A package after every check: what was unpacked, its root, what its reader made of it, every file identified and
 * validated, its signatures checked, and all findings (graded by the policy). When {@code parsed} or {@code root} is
 * null the package was refused before it could be read, and when {@code characterisation} is null before its files
 * were checked (findings say why); {@code signatures} is empty until they were checked.
 */
public record CheckedPackage(
        UnpackedPackage unpacked,
        PackageRoot root,
        ParsedPackage parsed,
        List<Finding> findings,
        Characterisation characterisation,
        SignatureCheck signatures) {
    public CheckedPackage {
        Objects.requireNonNull(unpacked, "unpacked");
        signatures = signatures == null ? SignatureCheck.none() : signatures;
        findings = List.copyOf(findings);
    }
}
