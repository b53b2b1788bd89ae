package vn.kho.storage.ocfl;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages delete a directory tree the way the replica does. */
public final class DurableFilesForTests {
    private DurableFilesForTests() {}

    public static void deleteTree(Path root) throws IOException {
        DurableFiles.deleteTree(root);
    }
}
