package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.storage.Staging;

class DurableFilesTest {
    @TempDir
    Path tmp;

    private Path sampleTree() throws IOException {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("v1/content/data/sub"));
        Files.writeString(source.resolve("inventory.json"), "{}");
        Files.writeString(source.resolve("v1/content/data/a.txt"), "một");
        Files.write(source.resolve("v1/content/data/sub/b.bin"), new byte[300_000]);
        Files.createDirectories(source.resolve("v1/content/empty"));
        return source;
    }

    @Test
    void copiesATreeByteForByteHandingEachFileToThePlacerOnce() throws Exception {
        Path source = sampleTree();
        List<Path> placed = new ArrayList<>();

        DurableFiles.copyTree(source, tmp.resolve("copy"), (from, to) -> {
            placed.add(source.relativize(from));
            DurableFiles.copyFile(from, to);
        });

        Map<String, byte[]> original = Staging.tree(source);
        Map<String, byte[]> copy = Staging.tree(tmp.resolve("copy"));
        assertThat(copy).containsOnlyKeys(original.keySet());
        original.forEach((path, bytes) -> assertThat(copy.get(path)).as(path).isEqualTo(bytes));
        assertThat(placed).hasSize(original.size()).doesNotHaveDuplicates();
        assertThat(tmp.resolve("copy/v1/content/empty")).isDirectory();
    }

    @Test
    void aFailingPlacerFailsTheCopy() throws Exception {
        Path source = sampleTree();

        assertThatThrownBy(() -> DurableFiles.copyTree(source, tmp.resolve("copy"), (from, to) -> {
                    if (from.endsWith("b.bin")) {
                        throw new IOException("disk full");
                    }
                    DurableFiles.copyFile(from, to);
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
    }

    @Test
    void forcingReportsAFileThatCannotBeForced() throws Exception {
        Path present = Files.writeString(tmp.resolve("present.txt"), "ok");

        try (DurableFiles.Forcing forcing = new DurableFiles.Forcing()) {
            forcing.add(present);
            forcing.add(tmp.resolve("absent.txt"));
            assertThatThrownBy(forcing::await).isInstanceOf(java.nio.file.NoSuchFileException.class);
        }
    }

    @Test
    void anEarlyWritebackIgnoresFilesThatAreAlreadyGoneAndChangesNoBytes() throws Exception {
        Path kept = Files.writeString(tmp.resolve("kept.txt"), "giữ lại");
        Path gone = Files.writeString(tmp.resolve("gone.txt"), "xoá");
        Files.delete(gone);

        try (DurableFiles.Writeback writeback = new DurableFiles.Writeback()) {
            writeback.add(gone);
            writeback.add(kept);
        }
        // after close, adding is a no-op rather than an error
        DurableFiles.Writeback closed = new DurableFiles.Writeback();
        closed.close();
        closed.add(kept);

        assertThat(Files.readString(kept)).isEqualTo("giữ lại");
    }
}
