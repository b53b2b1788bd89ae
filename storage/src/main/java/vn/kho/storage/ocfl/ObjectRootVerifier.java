package vn.kho.storage.ocfl;

import io.ocfl.api.model.ValidationIssue;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.storage.filesystem.FileSystemStorage;
import io.ocfl.core.validation.Validator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vn.kho.repository.Finding;
import vn.kho.repository.Severity;

/**
 * Checks object roots below one base directory: ocfl-java's {@link Validator} (OCFL 1.0 and 1.1, content fixity when
 * asked), then {@link SupplementaryObjectChecks} for what it misses; a code ocfl-java already reported for an object is
 * not repeated. Each ocfl-java issue {@code Ennn}/{@code Wnnn} becomes a finding {@code OCFL_Ennn}/{@code OCFL_Wnnn}
 * with ocfl-java's message, about the first path inside the object the message names (else the object root).
 * Reads only.
 */
final class ObjectRootVerifier {
    private final Path base;
    private final Validator validator;
    private final boolean contentFixity;

    /** Object paths given to {@link #verify} are relative to {@code base}, with forward slashes. */
    ObjectRootVerifier(Path base, boolean contentFixity) {
        Blake2bDigests.ensureAvailable();
        this.base = base;
        this.validator = new Validator(new FileSystemStorage(base));
        this.contentFixity = contentFixity;
    }

    void verify(String objectPath, Consumer<Finding> sink) {
        Set<String> reported = new HashSet<>();
        try {
            ValidationResults results = validator.validateObject(objectPath, contentFixity);
            Stream.of(results.getErrors(), results.getWarnings(), results.getInfos())
                    .flatMap(List::stream)
                    .map(issue -> finding(issue, objectPath))
                    .forEach(f -> {
                        reported.add(f.code());
                        sink.accept(f);
                    });
        } catch (RuntimeException e) {
            // ocfl-java throws rather than reports on some malformed objects; what it found before is lost with it.
            sink.accept(Finding.error(
                    "OCFL_VALIDATOR_FAILED",
                    "ocfl-java could not validate this object (" + e + "); only Kho's own checks of it ran",
                    objectPath));
        }
        SupplementaryObjectChecks.check(base.resolve(objectPath), objectPath).stream()
                .filter(f -> !reported.contains(f.code()))
                .forEach(sink);
    }

    private static Finding finding(ValidationIssue issue, String objectPath) {
        Severity severity =
                switch (issue.getCode().getType()) {
                    case ERROR -> Severity.ERROR;
                    case WARN -> Severity.WARNING;
                    case INFO -> Severity.INFO;
                };
        String message = issue.getMessage();
        return new Finding(severity, "OCFL_" + issue.getCode().name(), message, pathIn(message, objectPath));
    }

    /** The first word of {@code message} that is a path inside the object, else the object root. */
    static String pathIn(String message, String objectPath) {
        for (String word : message.split("\\s+")) {
            String path = word.replaceAll("[.,;:'\")]+$", "");
            if (path.startsWith(objectPath + "/")) {
                return path;
            }
        }
        return objectPath;
    }
}
