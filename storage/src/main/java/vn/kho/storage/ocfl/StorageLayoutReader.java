package vn.kho.storage.ocfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ocfl.core.extension.OcflExtensionConfig;
import io.ocfl.core.extension.OcflExtensionRegistry;
import io.ocfl.core.extension.storage.layout.OcflStorageLayoutExtension;
import io.ocfl.core.util.ObjectMappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import vn.kho.repository.Finding;

/**
 * Reads the storage layout a storage root declares, as ocfl-java reads it when it opens a root: {@code
 * ocfl_layout.json} names the extension, {@code extensions/<name>/config.json} (if present) holds its parameters.
 * Findings: {@code OCFL_E070} the file is not JSON with {@code extension} and {@code description};
 * {@code OCFL_LAYOUT_UNKNOWN} (warning) an extension ocfl-java does not implement; {@code OCFL_LAYOUT_CONFIG_INVALID}
 * parameters it refuses; {@code OCFL_LAYOUT_UNDECLARED} (info) no {@code ocfl_layout.json}, which the spec allows.
 * In each of these cases there is no layout to place objects by.
 */
final class StorageLayoutReader {
    static final String LAYOUT_FILE = "ocfl_layout.json";

    private StorageLayoutReader() {}

    static Optional<OcflStorageLayoutExtension> read(Path root, Consumer<Finding> sink) {
        Path file = root.resolve(LAYOUT_FILE);
        if (!Files.exists(file)) {
            sink.accept(Finding.info(
                    "OCFL_LAYOUT_UNDECLARED",
                    "no " + LAYOUT_FILE + ": object paths are not checked against a layout",
                    LAYOUT_FILE));
            return Optional.empty();
        }
        ObjectMapper json = ObjectMappers.defaultMapper();
        JsonNode layout;
        try {
            layout = json.readTree(file.toFile());
        } catch (IOException e) {
            sink.accept(Finding.error("OCFL_E070", "not readable as JSON: " + e.getMessage(), LAYOUT_FILE));
            return Optional.empty();
        }
        if (layout == null
                || !layout.path("extension").isTextual()
                || !layout.path("description").isTextual()) {
            sink.accept(Finding.error(
                    "OCFL_E070", "must be a JSON object with the string keys extension and description", LAYOUT_FILE));
            return Optional.empty();
        }
        String name = layout.get("extension").asText();
        Optional<OcflStorageLayoutExtension> extension = OcflExtensionRegistry.lookup(name);
        if (extension.isEmpty()) {
            sink.accept(Finding.warning(
                    "OCFL_LAYOUT_UNKNOWN",
                    "layout extension " + name + " is not one ocfl-java implements: object paths are not checked",
                    LAYOUT_FILE));
            return Optional.empty();
        }
        Path config = root.resolve("extensions").resolve(name).resolve("config.json");
        try {
            Class<? extends OcflExtensionConfig> type = extension.get().getExtensionConfigClass();
            OcflExtensionConfig parameters = Files.exists(config)
                    ? json.readValue(config.toFile(), type)
                    : type.getDeclaredConstructor().newInstance();
            extension.get().init(parameters);
            return extension;
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            sink.accept(Finding.error(
                    "OCFL_LAYOUT_CONFIG_INVALID",
                    "the parameters of layout " + name + " are not usable: " + e.getMessage(),
                    root.relativize(config).toString()));
            return Optional.empty();
        }
    }
}
