package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.Finding;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.Severity;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;

/** {@link OcflVerifier} over storage roots Kho wrote, sound and then damaged. */
class OcflVerifierTest {
    private static final String SCAN = "representations/rep1/data/scan-1.pdf";

    @TempDir
    Path tmp;

    private OcflObjectBuilder builder;
    private FilesystemReplica replica;

    @BeforeEach
    void open() {
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), true);
        replica = new FilesystemReplica("a", tmp.resolve("replica"));
    }

    @AfterEach
    void close() {
        replica.close();
        builder.close();
    }

    private PackageId store() {
        PackageId id = PackageId.random();
        StagedObject staged = builder.build(
                id, Staging.samplePackage(tmp.resolve("in-" + id)), "Ingest", "Kho", "mailto:a@example.vn");
        replica.put(staged, false);
        return id;
    }

    /** The root-relative path of the content file that holds {@code logicalPath}. */
    private String contentFile(PackageId id, String logicalPath) {
        return replica.storagePath(
                id, replica.inventory(id).files().get(logicalPath).contentPath());
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    private static void flipOneBit(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            int b = f.read();
            f.seek(0);
            f.write(b ^ 0x01);
        }
    }

    @Test
    void aStorageRootKhoWroteHasNoErrorOnlyTheSha256WarningAndIsLeftAsItWas() {
        store();
        store();
        Map<String, byte[]> before = Staging.tree(replica.root());
        List<Finding> findings = new ArrayList<>();

        OcflVerifier.Summary summary = new OcflVerifier(true).verify(replica.root(), findings::add);

        assertThat(summary).isEqualTo(new OcflVerifier.Summary(true, 2));
        assertThat(errors(findings)).isEmpty();
        assertThat(findings).extracting(Finding::code).containsExactly("OCFL_W004", "OCFL_W004");
        assertThat(findings).allMatch(f -> f.severity() == Severity.WARNING);
        Map<String, byte[]> after = Staging.tree(replica.root());
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((path, bytes) -> assertThat(after.get(path)).as(path).isEqualTo(bytes));
    }

    @Test
    void oneFlippedBitInAContentFileIsAnErrorAboutThatFileForEachOfItsDigests() throws IOException {
        store();
        PackageId damaged = store();
        String file = contentFile(damaged, SCAN);
        flipOneBit(replica.root().resolve(file));

        List<Finding> errors = errors(new OcflVerifier(true).verify(replica.root()));

        // sha256 of the manifest (E092) and sha512 of the fixity block Kho adds when configured (E093)
        assertThat(errors).extracting(Finding::code).containsExactlyInAnyOrder("OCFL_E092", "OCFL_E093");
        assertThat(errors).extracting(Finding::path).containsOnly(file);
    }

    @Test
    void withoutContentFixityTheFlippedBitGoesUnnoticed() throws IOException {
        PackageId id = store();
        flipOneBit(replica.root().resolve(contentFile(id, SCAN)));

        assertThat(errors(new OcflVerifier(false).verify(replica.root()))).isEmpty();
    }

    @Test
    void anObjectRootOfAKhoRootCheckedAloneHasNoError() {
        PackageId id = store();
        List<Finding> findings = new ArrayList<>();

        OcflVerifier.Summary summary = new OcflVerifier(true).verify(replica.objectDir(id), findings::add);

        assertThat(summary).isEqualTo(new OcflVerifier.Summary(false, 1));
        assertThat(findings).extracting(Finding::code).containsExactly("OCFL_W004");
        assertThat(findings.get(0).path()).startsWith(replica.objectDir(id).getFileName() + "/");
    }

    @Test
    void anObjectAwayFromThePathTheLayoutGivesItIsAnErrorAndSoIsTheEmptyDirectoryItLeft() throws IOException {
        PackageId id = store();
        Path objectDir = replica.objectDir(id);
        Files.createDirectories(replica.root().resolve("abc/def"));
        Files.move(objectDir, replica.root().resolve("abc/def/moved"));
        String emptied = replica.root().relativize(objectDir.getParent()).toString();

        List<Finding> errors = errors(new OcflVerifier(false).verify(replica.root()));

        assertThat(errors)
                .extracting(Finding::code, Finding::path)
                .containsExactlyInAnyOrder(
                        tuple("OCFL_LAYOUT_PATH_MISMATCH", "abc/def/moved"), tuple("OCFL_E073", emptied));
        assertThat(errors)
                .filteredOn(f -> f.code().equals("OCFL_LAYOUT_PATH_MISMATCH"))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains(id.urn(), replica.root().relativize(objectDir).toString()));
    }

    @Test
    void aFileBetweenTheRootAndTheObjectsIsAnError() throws IOException {
        PackageId id = store();
        String top = replica.root().relativize(replica.objectDir(id)).getName(0).toString();
        Files.writeString(replica.root().resolve(top).resolve("notes.txt"), "not an object");
        Files.writeString(replica.root().resolve("README.txt"), "files in the root itself are ignored");

        List<Finding> errors = errors(new OcflVerifier(false).verify(replica.root()));

        assertThat(errors)
                .extracting(Finding::code, Finding::path)
                .containsExactly(tuple("OCFL_E084", top + "/notes.txt"));
    }

    @Test
    void aDeclarationWithoutItsNewlineAndALayoutFileWithoutDescriptionAreErrors() throws IOException {
        store();
        Files.writeString(replica.root().resolve("0=ocfl_1.1"), "ocfl_1.1");
        Files.writeString(
                replica.root().resolve("ocfl_layout.json"), "{\"extension\": \"0004-hashed-n-tuple-storage-layout\"}");

        List<Finding> errors = errors(new OcflVerifier(false).verify(replica.root()));

        assertThat(errors)
                .extracting(Finding::code, Finding::path)
                .containsExactlyInAnyOrder(tuple("OCFL_E080", "0=ocfl_1.1"), tuple("OCFL_E070", "ocfl_layout.json"));
    }

    @Test
    void aPathThatIsNoDirectoryIsNotFound() {
        assertThatThrownBy(() -> new OcflVerifier(true).verify(tmp.resolve("missing")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("OCFL_PATH_NOT_FOUND"));
    }
}
