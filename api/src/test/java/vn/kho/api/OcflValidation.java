package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocfl.api.model.ValidationCode;
import io.ocfl.api.model.ValidationIssue;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.kho.repository.PackageId;

/** Checks a stored object with ocfl-java's own validator, content fixity on. */
final class OcflValidation {
    private OcflValidation() {}

    /** Asserts the object on the storage root {@code root} has no OCFL errors and only the expected W004 warning. */
    static void assertValid(Path root, PackageId id) {
        try {
            Path work = Files.createTempDirectory("ocfl-validate");
            var repo = new OcflRepositoryBuilder()
                    .defaultLayoutConfig(new HashedNTupleLayoutConfig())
                    .storage(s -> s.fileSystem(root))
                    .workDir(work)
                    .build();
            try {
                ValidationResults results = repo.validateObject(id.urn(), true);
                assertThat(results.getErrors()).as("OCFL errors on %s", root).isEmpty();
                List<ValidationCode> warnings = results.getWarnings().stream()
                        .map(ValidationIssue::getCode)
                        .toList();
                assertThat(warnings)
                        .as("only W004 (sha256 digests) is expected")
                        .containsOnly(ValidationCode.W004);
            } finally {
                repo.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
