package vn.kho.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds a file that a server runs from (a self-contained jar, a war) outside any class path: at the path a system
 * property names when it is set, else in the local Maven repository ({@code maven.repo.local}, default
 * {@code ~/.m2/repository}), where the build of the {@code kho-servers} module resolves it.
 */
public final class LocalArtifacts {
    private LocalArtifacts() {}

    /**
     * @param property the system property that may name the file
     * @param repositoryPath the file's path inside the local Maven repository
     * @param fetchCommand the Maven command that puts it there, for the error message
     * @throws IllegalStateException when the property names no regular file, or it is unset and the repository lacks
     *     the file; the message names the path tried and how to get the file
     */
    public static Path locate(String property, String repositoryPath, String fetchCommand) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(
                        "no file at " + file.toAbsolutePath() + ", which -D" + property + " names; " + fetchCommand);
            }
            return file;
        }
        Path file = localRepository().resolve(repositoryPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + file + " in the local Maven repository (and no -D" + property
                    + "); fetch it with: " + fetchCommand);
        }
        return file;
    }

    /** {@code maven.repo.local} when set, else {@code ~/.m2/repository}. */
    public static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
