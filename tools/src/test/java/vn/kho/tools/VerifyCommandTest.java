package vn.kho.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kho.tools.KhoRun.kho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.SharedFixtures;
import vn.kho.repository.PackageId;
import vn.kho.storage.StagedFile;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.ocfl.OcflObjectBuilder;

/** {@code kho verify}, run as a person runs it, over the official OCFL fixtures and a storage root Kho wrote. */
class VerifyCommandTest {
    private static final Path OCFL = SharedFixtures.fixtures().resolve("ocfl-fixtures/1.1");

    @TempDir
    Path tmp;

    /** A storage root as Kho's ingest leaves it, holding one package; returns the content file of {@code a.pdf}. */
    private Path khoStorageRoot(Path root) throws IOException, NoSuchAlgorithmException {
        byte[] pdf = "%PDF-1.7 a document".getBytes(StandardCharsets.UTF_8);
        Path source = Files.createDirectories(tmp.resolve("in")).resolve("a.pdf");
        Files.write(source, pdf);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        PackageId id = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
                FilesystemReplica replica = new FilesystemReplica("a", root)) {
            replica.put(
                    builder.build(
                            id, List.of(new StagedFile("a.pdf", source, sha256, pdf.length)), "Ingest", "Kho", null),
                    false);
            return replica.root()
                    .resolve(replica.storagePath(
                            id, replica.inventory(id).files().get("a.pdf").contentPath()));
        }
    }

    @Test
    void aGoodObjectIsValidAndExitsZero() {
        Path object = OCFL.resolve("good-objects/spec-ex-full");

        KhoRun run = kho("verify", object.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .doesNotContain("ERROR")
                .contains(object + ": OCFL object root, 1 object checked (content fixity included): VALID, 0 errors");
    }

    @Test
    void aBadObjectIsInvalidNamingItsCodeAndExitsOne() {
        KhoRun run = kho(
                "verify", OCFL.resolve("bad-objects/E001_extra_file_in_root").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .contains("ERROR   OCFL_E001 E001_extra_file_in_root: ")
                .contains("INVALID, 1 error");
    }

    @Test
    void aWarningIsReportedAsAWarningAndExitsZero() {
        KhoRun run = kho("verify", OCFL.resolve("warn-objects/W004_uses_sha256").toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out())
                .contains("WARNING OCFL_W004 W004_uses_sha256/inventory.json: ")
                .contains("VALID, 0 errors, 1 warning");
    }

    @Test
    void aStorageRootKhoWroteIsValidAsJsonThenOneFlippedBitMakesItInvalidNamingTheFile() throws Exception {
        Path root = tmp.resolve("replica");
        Path content = khoStorageRoot(root);

        KhoRun sound = kho("verify", "--json", root.toString());

        assertThat(sound.exit()).as(sound.out()).isZero();
        JsonNode report = new ObjectMapper().readTree(sound.out());
        assertThat(report.get("storageRoot").asBoolean()).isTrue();
        assertThat(report.get("objects").asLong()).isEqualTo(1);
        assertThat(report.get("accepted").asBoolean()).isTrue();
        assertThat(report.get("findings").get(0).get("code").asText()).isEqualTo("OCFL_W004");

        try (RandomAccessFile f = new RandomAccessFile(content.toFile(), "rw")) {
            int b = f.read();
            f.seek(0);
            f.write(b ^ 0x80);
        }
        KhoRun damaged = kho("verify", root.toString());

        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.out())
                .contains("ERROR   OCFL_E092 " + root.relativize(content) + ": ")
                .contains(root + ": OCFL storage root, 1 object checked (content fixity included): INVALID, 1 error");

        KhoRun structureOnly = kho("verify", "--no-fixity", root.toString());

        assertThat(structureOnly.exit()).as(structureOnly.out()).isZero();
        assertThat(structureOnly.out()).contains("(content fixity not checked): VALID");
    }

    @Test
    void withoutPathOrWithAPathThatIsNoDirectoryItIsAUsageError() {
        KhoRun none = kho("verify");
        KhoRun missing = kho("verify", tmp.resolve("nowhere").toString());

        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("PATH");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("kho verify: no such directory: " + tmp.resolve("nowhere"));
    }
}
