package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.Staging;

/** The file-level operations an audit and its repairs use: list, read, replace and remove one file of an object. */
class FilesystemReplicaObjectFilesTest {
    private static final String SCAN = "v1/content/representations/rep1/data/scan-1.pdf";

    @TempDir
    Path tmp;

    private OcflObjectBuilder builder;
    private FilesystemReplica a;
    private PackageId id;

    @BeforeEach
    void open() {
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
        a = new FilesystemReplica("a", tmp.resolve("replicas/a"));
        id = PackageId.random();
        a.put(builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null), false);
    }

    @AfterEach
    void close() {
        a.close();
        builder.close();
    }

    @Test
    void opensAFileByItsPathInTheObjectAndNamesWhatIsWrongWithOneThatCannotBeRead() throws Exception {
        try (InputStream in = a.openObjectFile(id, SCAN)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 same bytes");
        }
        assertThatThrownBy(() -> a.openObjectFile(id, "v1/content/nope"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("OCFL_FILE_MISSING"));
        Path scan = a.objectDir(id).resolve(SCAN);
        Files.delete(scan);
        Files.createDirectory(scan);
        assertThatThrownBy(() -> a.openObjectFile(id, SCAN))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("OCFL_FILE_UNREADABLE"))
                .hasMessageContaining("a directory stands where the file belongs");
    }

    @Test
    void readsNothingButRegularFilesSoAStrayLinkCannotLeadOutOfTheObject() throws Exception {
        Path link = a.objectDir(id).resolve("v1/content/endless");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));

        assertThat(a.objectFiles(id)).contains("v1/content/endless");
        assertThatThrownBy(() -> a.openObjectFile(id, "v1/content/endless"))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("OCFL_FILE_UNREADABLE"))
                .hasMessageContaining("a symbolic link");
        a.removeObjectFile(id, "v1/content/endless");
        assertThat(link).doesNotExist();
        assertThat(Path.of("/dev/zero")).exists();
    }

    @Test
    void replacesAFileOnlyWithBytesOfTheExpectedDigestAndLeavesNothingBehind() throws Exception {
        Path scan = a.objectDir(id).resolve(SCAN);
        Files.writeString(scan, "%PDF-1.7 same byteZ");
        byte[] good = "%PDF-1.7 same bytes".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> a.writeObjectFile(id, SCAN, bytes("%PDF-1.7 other"), Staging.sha256(good)))
                .isInstanceOfSatisfying(
                        FixityMismatchException.class, e -> assertThat(e.code()).isEqualTo("FIXITY_WRITE_MISMATCH"));
        assertThat(scan).hasContent("%PDF-1.7 same byteZ");

        a.writeObjectFile(id, SCAN, new ByteArrayInputStream(good), Staging.sha256(good));

        assertThat(Files.readAllBytes(scan)).isEqualTo(good);
        assertThat(a.root().resolve(FilesystemReplica.INCOMING)).doesNotExist();
        assertThat(a.objectFiles(id)).noneMatch(p -> p.contains("kho") || p.contains("tmp"));
    }

    @Test
    void writesAFileWhoseDirectoriesAreGoneOrWhereAnEmptyDirectoryStands() throws Exception {
        byte[] ead = "<ead>hồ sơ</ead>".getBytes(StandardCharsets.UTF_8);
        DurableFilesForTests.deleteTree(a.objectDir(id).resolve("v1/content/metadata"));
        a.writeObjectFile(id, "v1/content/metadata/descriptive/EAD.xml", new ByteArrayInputStream(ead), sha(ead));
        assertThat(a.objectDir(id).resolve("v1/content/metadata/descriptive/EAD.xml"))
                .hasBinaryContent(ead);

        byte[] pdf = "%PDF-1.7 same bytes".getBytes(StandardCharsets.UTF_8);
        Path scan = a.objectDir(id).resolve(SCAN);
        Files.delete(scan);
        Files.createDirectory(scan);
        a.writeObjectFile(id, SCAN, new ByteArrayInputStream(pdf), sha(pdf));
        assertThat(scan).isRegularFile().hasBinaryContent(pdf);
    }

    @Test
    void removesAStrayAndTheDirectoriesItLeavesEmptyButNeverTheObjectRoot() throws Exception {
        Path dir = a.objectDir(id);
        Files.createDirectories(dir.resolve("extensions/junk"));
        Files.writeString(dir.resolve("extensions/junk/x.bin"), "x");
        Files.writeString(dir.resolve("v1/content/stray.txt"), "?");

        a.removeObjectFile(id, "extensions/junk/x.bin");
        a.removeObjectFile(id, "v1/content/stray.txt");
        a.removeObjectFile(id, "v1/content/stray.txt");

        assertThat(dir.resolve("extensions")).doesNotExist();
        assertThat(dir.resolve("v1/content")).isDirectory();
        assertThat(a.objectFiles(id)).doesNotContain("v1/content/stray.txt");
        assertThatThrownBy(() -> a.removeObjectFile(id, "v1/content")).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isDirectory();
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha(String text) {
        return sha(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha(byte[] bytes) {
        return Staging.sha256(bytes);
    }
}
