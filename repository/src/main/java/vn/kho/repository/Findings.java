package vn.kho.repository;

import java.util.Collection;

/** Small questions asked of a list of findings. */
public final class Findings {
    private Findings() {}

    public static boolean hasErrors(Collection<Finding> findings) {
        return findings.stream().anyMatch(Finding::isError);
    }
}
