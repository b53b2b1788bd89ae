package vn.kho.ingest.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the fixtures no one on this project wrote live: the system property {@code kho.shared} (surefire sets it to
 * {@code <project>/../shared}), else {@code ../shared} and {@code ../../shared} relative to the working directory.
 */
public final class SharedFixtures {
    private SharedFixtures() {}

    public static Path root() {
        String property = System.getProperty("kho.shared");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (String candidate : new String[] {"../shared", "../../shared"}) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("fixtures"))) {
                return p;
            }
        }
        throw new IllegalStateException("shared fixtures not found: set -Dkho.shared=<path to shared>");
    }

    public static Path fixtures() {
        return root().resolve("fixtures");
    }

    public static Path bagitConformance() {
        return fixtures().resolve("bagit-conformance");
    }
}
