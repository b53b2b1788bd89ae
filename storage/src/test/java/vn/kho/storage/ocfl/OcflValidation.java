package vn.kho.storage.ocfl;

import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.OcflRepositoryBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens ocfl-java, with its default settings, over a storage root that Kho wrote: an outside reader's view. */
public final class OcflValidation {
    private OcflValidation() {}

    public static OcflRepository openWithOcflJava(Path root) {
        try {
            Path work = Files.createTempDirectory("ocfl-java-work");
            return new OcflRepositoryBuilder()
                    .defaultLayoutConfig(KhoOcflLayout.layoutConfig())
                    .ocflConfig(KhoOcflLayout.ocflConfig())
                    .storage(storage -> storage.fileSystem(root))
                    .workDir(work)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ocfl-java's validator with content fixity checks on. */
    public static ValidationResults validate(Path root, String objectId) {
        OcflRepository repository = openWithOcflJava(root);
        try {
            return repository.validateObject(objectId, true);
        } finally {
            repository.close();
        }
    }

    public static List<String> warningCodes(ValidationResults results) {
        return results.getWarnings().stream().map(w -> w.getCode().name()).toList();
    }
}
