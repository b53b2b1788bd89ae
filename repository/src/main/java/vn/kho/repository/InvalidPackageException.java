package vn.kho.repository;

import java.util.List;

/** A package was refused; {@link #findings()} says why, each finding with its own code. */
public class InvalidPackageException extends KhoException {
    private final List<Finding> findings;

    public InvalidPackageException(List<Finding> findings) {
        super(
                findings.isEmpty() ? "PACKAGE_INVALID" : findings.get(0).code(),
                findings.isEmpty() ? "invalid package" : findings.get(0).message());
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }
}
