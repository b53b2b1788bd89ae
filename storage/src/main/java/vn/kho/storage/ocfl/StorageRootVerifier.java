package vn.kho.storage.ocfl;

import io.ocfl.core.extension.storage.layout.OcflStorageLayoutExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.kho.repository.Finding;

/**
 * Checks a storage root and every object under it. The root: exactly one declaration {@code 0=ocfl_X.Y}
 * ({@code OCFL_E076}) whose text is {@code ocfl_X.Y} and a newline ({@code OCFL_E080}), and its layout
 * ({@link StorageLayoutReader}). The hierarchy: {@link StorageHierarchyWalker}. Each object: {@link ObjectRootVerifier},
 * a declaration no later than the root's ({@code OCFL_E081}), and, when the layout is known, its place: the path the
 * layout maps its inventory's id to ({@code OCFL_LAYOUT_PATH_MISMATCH}, Kho's own check of the declared layout).
 */
final class StorageRootVerifier {
    private static final Pattern DECLARATION = Pattern.compile("0=ocfl_(\\d+)\\.(\\d+)");
    private static final Pattern OBJECT_DECLARATION = Pattern.compile("0=ocfl_object_(\\d+)\\.(\\d+)");

    private final Path root;
    private final Consumer<Finding> sink;
    private final ObjectRootVerifier objects;
    private long objectCount;

    StorageRootVerifier(Path root, boolean contentFixity, Consumer<Finding> sink) {
        this.root = root;
        this.sink = sink;
        this.objects = new ObjectRootVerifier(root, contentFixity);
    }

    /** Whether {@code dir} holds a storage root declaration {@code 0=ocfl_X.Y}. */
    static boolean isStorageRoot(Path dir) {
        return !declarations(dir).isEmpty();
    }

    /** Checks everything; returns the number of object roots checked. */
    long verify() {
        Optional<int[]> version = checkDeclaration();
        Optional<OcflStorageLayoutExtension> layout = StorageLayoutReader.read(root, sink);
        new StorageHierarchyWalker(root, sink, (path, declaration) -> {
                    objectCount++;
                    objects.verify(path, sink);
                    version.ifPresent(v -> checkObjectVersion(path, declaration, v));
                    layout.ifPresent(l -> checkPlace(path, l));
                })
                .walk();
        return objectCount;
    }

    private Optional<int[]> checkDeclaration() {
        List<String> names = declarations(root);
        if (names.size() > 1) {
            sink.accept(Finding.error(
                    "OCFL_E076", "more than one storage root declaration: " + String.join(", ", names), null));
        }
        String name = names.get(0);
        String expected = name.substring(2) + "\n";
        try {
            if (!Files.readString(root.resolve(name), StandardCharsets.UTF_8).equals(expected)) {
                sink.accept(
                        Finding.error("OCFL_E080", "must hold exactly " + name.substring(2) + " and a newline", name));
            }
        } catch (IOException e) {
            sink.accept(Finding.error("OCFL_E080", "cannot read the declaration: " + e, name));
        }
        return version(DECLARATION.matcher(name));
    }

    private void checkObjectVersion(String path, String declaration, int[] rootVersion) {
        version(OBJECT_DECLARATION.matcher(declaration))
                .filter(v -> v[0] > rootVersion[0] || (v[0] == rootVersion[0] && v[1] > rootVersion[1]))
                .ifPresent(v -> sink.accept(Finding.error(
                        "OCFL_E081",
                        "the object declares " + declaration.substring(2) + ", later than the storage root's OCFL "
                                + rootVersion[0] + "." + rootVersion[1],
                        path + "/" + declaration)));
    }

    private void checkPlace(String path, OcflStorageLayoutExtension layout) {
        Optional<String> id = OcflInventories.idOf(root.resolve(path));
        if (id.isEmpty()) {
            return; // ocfl-java has reported the missing or unreadable inventory
        }
        String expected;
        try {
            expected = layout.mapObjectId(id.get());
        } catch (RuntimeException e) {
            sink.accept(Finding.error(
                    "OCFL_LAYOUT_PATH_MISMATCH",
                    "layout " + layout.getExtensionName() + " cannot map the object id " + id.get() + ": "
                            + e.getMessage(),
                    path));
            return;
        }
        if (!expected.equals(path)) {
            sink.accept(Finding.error(
                    "OCFL_LAYOUT_PATH_MISMATCH",
                    "object " + id.get() + " is here, but layout " + layout.getExtensionName() + " puts it at "
                            + expected,
                    path));
        }
    }

    private static List<String> declarations(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> DECLARATION.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<int[]> version(Matcher m) {
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
