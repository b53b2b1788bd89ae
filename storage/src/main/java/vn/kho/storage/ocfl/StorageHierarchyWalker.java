package vn.kho.storage.ocfl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vn.kho.repository.Finding;

/**
 * Walks the object hierarchy of a storage root depth first, in name order, holding one directory's listing per level
 * (never the whole tree). A directory holding a file named {@code 0=ocfl_object_...} is an object root: it is handed
 * over and not entered. Everything else in the hierarchy must be a directory leading to object roots:
 * {@code OCFL_E084} a file in an intermediate directory, {@code OCFL_E073} an empty directory, {@code OCFL_E090} a
 * symbolic link. Files directly in the storage root are not the hierarchy's (the spec has validators ignore those they
 * do not know), nor is {@code extensions/}.
 */
final class StorageHierarchyWalker {
    static final String OBJECT_DECLARATION_PREFIX = "0=ocfl_object_";

    /** An object root found: its path relative to the storage root and the name of its declaration file. */
    interface ObjectRootHandler {
        void objectRoot(String path, String declaration);
    }

    private final Path root;
    private final Consumer<Finding> sink;
    private final ObjectRootHandler handler;

    StorageHierarchyWalker(Path root, Consumer<Finding> sink, ObjectRootHandler handler) {
        this.root = root;
        this.sink = sink;
        this.handler = handler;
    }

    void walk() {
        for (Path entry : sortedEntries(root, "")) {
            String name = entry.getFileName().toString();
            if (Files.isSymbolicLink(entry)) {
                sink.accept(Finding.error("OCFL_E090", "a symbolic link in the storage root", name));
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) && !name.equals("extensions")) {
                visit(entry, name);
            }
        }
    }

    private void visit(Path dir, String path) {
        List<Path> entries = sortedEntries(dir, path);
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(OBJECT_DECLARATION_PREFIX) && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                handler.objectRoot(path, name);
                return;
            }
        }
        if (entries.isEmpty()) {
            sink.accept(Finding.error("OCFL_E073", "an empty directory in the storage hierarchy", path));
        }
        for (Path entry : entries) {
            String child = path + "/" + entry.getFileName();
            if (Files.isSymbolicLink(entry)) {
                sink.accept(Finding.error("OCFL_E090", "a symbolic link in the storage hierarchy", child));
            } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                visit(entry, child);
            } else {
                sink.accept(Finding.error(
                        "OCFL_E084",
                        "a file in a directory of the storage hierarchy that is not an object root (no "
                                + OBJECT_DECLARATION_PREFIX + "* declaration beside it)",
                        child));
            }
        }
    }

    private List<Path> sortedEntries(Path dir, String path) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            sink.accept(Finding.error(
                    "OCFL_DIRECTORY_UNREADABLE", "cannot list this directory: " + e, path.isEmpty() ? null : path));
        }
        entries.sort(null);
        return entries;
    }
}
