package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.InventoryDocument;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;

class OcflInventoryParserTest {
    @TempDir
    Path tmp;

    @Test
    void readsWhatAnInventoryStatesAboutEveryVersionAndItsContent() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged;
        try (OcflObjectBuilder builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false)) {
            staged = builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", null);
        }
        byte[] json = Files.readAllBytes(staged.objectDir().resolve("inventory.json"));

        InventoryDocument inventory = OcflInventoryParser.parse(json, "x");

        assertThat(inventory.sha256()).isEqualTo(Staging.sha256(json));
        assertThat(inventory.headVersion()).isEqualTo("v1");
        assertThat(inventory.versions()).containsExactly("v1");
        assertThat(inventory.head().id()).isEqualTo(id);
        assertThat(inventory.head().files().keySet())
                .isEqualTo(staged.inventory().files().keySet());
        // the two logical paths of the shared scan are stored once
        assertThat(inventory.manifest())
                .hasSize(3)
                .containsEntry(
                        "v1/content/representations/rep1/data/scan-1.pdf",
                        Staging.sha256("%PDF-1.7 same bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(OcflInventoryParser.sidecarDigest(
                        Files.readAllBytes(staged.objectDir().resolve("inventory.json.sha256"))))
                .isEqualTo(inventory.sha256());
    }

    @Test
    void refusesBytesThatAreNotAValidOcflInventoryNamingTheOcflErrorCodes() {
        assertThatThrownBy(() -> OcflInventoryParser.parse("{\"id\": ".getBytes(StandardCharsets.UTF_8), "x"))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("OCFL_INVENTORY_INVALID"))
                .hasMessageMatching("(?s).*E\\d{3}.*");
        assertThatThrownBy(() -> OcflInventoryParser.parse(
                        "{\"id\": \"urn:uuid:5b1e9d6c-0c1e-4a8e-9d55-5f0e5c0a9b11\"}".getBytes(StandardCharsets.UTF_8),
                        "x"))
                .isInstanceOf(StorageFailureException.class)
                .hasMessageContaining("E036"); // type, digestAlgorithm, head missing
    }

    @Test
    void readsASidecarOnlyWhenItIsADigestAndTheInventorysName() {
        String digest = "a".repeat(64);
        assertThat(OcflInventoryParser.sidecarDigest((digest.toUpperCase() + "\tinventory.json\n").getBytes()))
                .isEqualTo(digest);
        for (String bad : new String[] {"", digest, digest + " inventory.jsonx", "abc inventory.json"}) {
            assertThatThrownBy(() -> OcflInventoryParser.sidecarDigest(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOfSatisfying(StorageFailureException.class, e -> assertThat(e.code())
                            .isEqualTo("OCFL_SIDECAR_INVALID"));
        }
    }
}
