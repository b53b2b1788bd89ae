package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.inventory.InventoryMapper;
import io.ocfl.core.model.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.ConflictException;
import vn.kho.repository.PackageId;
import vn.kho.storage.ContentFile;
import vn.kho.storage.StagedFile;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;

class OcflObjectBuilderTest {
    @TempDir
    Path tmp;

    @Test
    void storesContentSharedByTwoLogicalPathsOnceAndMovesTheOtherSources() throws Exception {
        PackageId id = PackageId.random();
        List<StagedFile> files = Staging.samplePackage(tmp.resolve("in"));
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false)) {
            StagedObject staged = builder.build(id, files, "Ingest", "Kho", "mailto:archive@example.vn");

            Map<String, ContentFile> inventoryFiles = staged.inventory().files();
            assertThat(inventoryFiles).hasSize(4);
            ContentFile rep1 = inventoryFiles.get("representations/rep1/data/scan-1.pdf");
            ContentFile rep2 = inventoryFiles.get("representations/rep2/data/scan-1.pdf");
            assertThat(rep1.contentPath()).isEqualTo(rep2.contentPath());
            assertThat(rep1.size()).isEqualTo("%PDF-1.7 same bytes".length());
            try (var content = Files.walk(staged.objectDir().resolve("v1/content"))) {
                assertThat(content.filter(Files::isRegularFile).count()).isEqualTo(3);
            }
            assertThat(staged.objectDir()).isEqualTo(builder.objectDir(id));
            assertThat(staged.inventory().id()).isEqualTo(id);
            assertThat(staged.inventory().headVersion()).isEqualTo(1);
            // moved, not copied: only the duplicate's source stays behind
            assertThat(files.stream().filter(f -> Files.exists(f.source()))).hasSize(1);

            Inventory inventory = InventoryMapper.defaultMapper()
                    .readNoDigest("x", staged.objectDir().resolve("inventory.json"));
            assertThat(inventory.getId()).isEqualTo(id.urn());
            assertThat(inventory.getHeadVersion().getUser().getName()).isEqualTo("Kho");
            assertThat(inventory.getHeadVersion().getUser().getAddress()).isEqualTo("mailto:archive@example.vn");
            assertThat(inventory.getHeadVersion().getMessage()).isEqualTo("Ingest");
            assertThat(inventory.getFixity()).isEmpty();

            ValidationResults results = OcflValidation.validate(tmp.resolve("staging"), id.urn());
            assertThat(results.getErrors()).isEmpty();
            assertThat(OcflValidation.warningCodes(results)).containsOnly("W004");
        }
    }

    @Test
    void recordsSha512FixityOfEveryContentFileWhenConfigured() throws Exception {
        PackageId id = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), true)) {
            StagedObject staged =
                    builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");

            Inventory inventory = InventoryMapper.defaultMapper()
                    .readNoDigest("x", staged.objectDir().resolve("inventory.json"));
            Map<String, String> sha512ByContentPath = new java.util.HashMap<>();
            inventory
                    .getFixity()
                    .values()
                    .forEach(byDigest -> byDigest.forEach(
                            (digest, paths) -> paths.forEach(p -> sha512ByContentPath.put(p, digest))));
            assertThat(inventory.getFixity().keySet())
                    .extracting(a -> a.getOcflName())
                    .containsExactly("sha512");
            assertThat(sha512ByContentPath).hasSize(3);
            for (Map.Entry<String, String> e : sha512ByContentPath.entrySet()) {
                byte[] bytes = Files.readAllBytes(staged.objectDir().resolve(e.getKey()));
                assertThat(e.getValue())
                        .isEqualTo(HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-512").digest(bytes)));
            }
            assertThat(Files.readAllBytes(staged.objectDir().resolve("v1/inventory.json")))
                    .isEqualTo(Files.readAllBytes(staged.objectDir().resolve("inventory.json")));

            ValidationResults results = OcflValidation.validate(tmp.resolve("staging"), id.urn());
            assertThat(results.getErrors()).isEmpty();
            assertThat(OcflValidation.warningCodes(results)).containsOnly("W004");
        }
    }

    @Test
    void refusesToBuildAnObjectThatStagingAlreadyHoldsUntilItIsDiscarded() {
        PackageId id = PackageId.random();
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false)) {
            builder.build(id, List.of(Staging.stage(tmp.resolve("in"), "a.txt", "a")), "Ingest", "Kho", null);

            assertThatThrownBy(() -> builder.build(
                            id, List.of(Staging.stage(tmp.resolve("in"), "a.txt", "b")), "Ingest", "Kho", null))
                    .isInstanceOfSatisfying(
                            ConflictException.class, e -> assertThat(e.code()).isEqualTo("OCFL_STAGED_OBJECT_EXISTS"));

            builder.discard(id);
            StagedObject rebuilt =
                    builder.build(id, List.of(Staging.stage(tmp.resolve("in"), "a.txt", "b")), "Ingest", "Kho", null);
            assertThat(rebuilt.inventory().files().get("a.txt").sha256()).isEqualTo(Staging.sha256("b".getBytes()));
        }
    }

    @Test
    void rejectsALogicalPathStagedTwice() {
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false)) {
            List<StagedFile> files = List.of(
                    Staging.stage(tmp.resolve("in"), "a.txt", "1"), Staging.stage(tmp.resolve("in"), "a.txt", "2"));
            assertThatThrownBy(() -> builder.build(PackageId.random(), files, "Ingest", "Kho", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("a.txt");
        }
    }

    @Test
    void clearsWhatACrashedBuildLeftInTheWorkDirectoryWhenOpened() throws Exception {
        Path work = tmp.resolve("work");
        Files.createDirectories(work.resolve("abc123/v1/content"));
        Files.writeString(work.resolve("abc123/v1/content/half.pdf"), "half");

        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), work, false)) {
            try (var leftovers = Files.list(work)) {
                assertThat(leftovers).isEmpty();
            }
        }
    }
}
