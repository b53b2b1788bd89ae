package vn.kho.storage.fedora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.ConflictException;
import vn.kho.repository.Finding;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.StagedFile;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;
import vn.kho.storage.ocfl.OcflObjectBuilder;

/** A Fedora replica against a real Fedora 6.0, started once for the class; each test has a container of its own. */
class FedoraReplicaTest {
    private static final String SCAN = "representations/rep1/data/scan-1.pdf";
    private static final String SCAN_CONTENT = "v1/content/" + SCAN;

    @TempDir
    static Path fedoraDir;

    private static FedoraServer fedora;

    @TempDir
    Path tmp;

    private OcflObjectBuilder builder;
    private FedoraReplica replica;

    @BeforeAll
    static void startFedora() {
        fedora = FedoraServer.start(fedoraDir);
        System.out.println("Fedora 6.0 answered 200 after " + fedora.startTime().toMillis() + " ms");
    }

    @AfterAll
    static void stopFedora() {
        if (fedora != null) {
            fedora.close();
        }
    }

    @BeforeEach
    void open() {
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
        replica = fedora.freshReplica("f");
    }

    @AfterEach
    void close() {
        replica.close();
        builder.close();
    }

    private StagedObject stage(PackageId id) {
        return builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");
    }

    @Test
    void putsAWholePackageThatListsReadsAndVerifiesAsStaged() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        long began = System.nanoTime();
        replica.put(staged, false);
        System.out.println(
                "put of a small package (" + Staging.tree(staged.objectDir()).size() + " files) took "
                        + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms");

        assertThat(replica.contains(id)).isTrue();
        assertThat(replica.list()).containsExactly(id);
        assertThat(replica.inventory(id).files()).isEqualTo(staged.inventory().files());
        try (InputStream in = replica.open(id, SCAN)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 same bytes");
        }
        Map<String, byte[]> stagedFiles = Staging.tree(staged.objectDir());
        assertThat(replica.objectFiles(id)).containsExactlyElementsOf(new ArrayList<>(stagedFiles.keySet()));
        for (var file : stagedFiles.entrySet()) {
            try (InputStream in = replica.openObjectFile(id, file.getKey())) {
                assertThat(in.readAllBytes()).as(file.getKey()).isEqualTo(file.getValue());
            }
        }
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(replica.localPath(id, SCAN)).isEmpty();
        assertThat(replica.storagePath(id, SCAN_CONTENT))
                .isEqualTo(replica.config().container() + "/" + id.uuid() + "/" + SCAN_CONTENT);
        assertThat(replica.health().up()).isTrue();
        assertThatThrownBy(() -> replica.open(id, "nope.txt")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> replica.inventory(PackageId.random()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("PACKAGE_NOT_FOUND"));
    }

    @Test
    void verifyFindsABinaryOverwrittenBehindKhosBack() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);

        fedora.overwriteBehindKhosBack(
                replica.fileUri(id, SCAN_CONTENT), "%PDF-1.7 same byteZ".getBytes(StandardCharsets.UTF_8));

        // one binary backs two logical paths: both are reported
        assertThat(replica.verify(id, staged.inventory()))
                .extracting(Finding::code, Finding::path)
                .containsExactlyInAnyOrder(
                        tuple("OCFL_DIGEST_MISMATCH", SCAN),
                        tuple("OCFL_DIGEST_MISMATCH", "representations/rep2/data/scan-1.pdf"));
    }

    @Test
    void verifyFindsAMissingBinaryAndAnInventoryThatNoLongerMatchesItsSidecar() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        fedora.send(java.net.http.HttpRequest.newBuilder(replica.fileUri(id, "v1/content/METS.xml"))
                .DELETE());
        String inventory = Files.readString(staged.objectDir().resolve("inventory.json"));
        fedora.overwriteBehindKhosBack(
                replica.fileUri(id, "inventory.json"),
                inventory
                        .replace("\"message\":\"Ingest\"", "\"message\":\"Ingesx\"")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(replica.verify(id, staged.inventory()))
                .extracting(Finding::code, Finding::path)
                .contains(tuple("OCFL_FILE_MISSING", "METS.xml"), tuple("OCFL_INVENTORY_MISMATCH", "inventory.json"));
        assertThat(replica.verify(PackageId.random(), staged.inventory()))
                .extracting(Finding::code)
                .containsExactly("OCFL_OBJECT_MISSING");
    }

    @Test
    void refusesToPutOverAnExistingPackageUnlessAskedToReplaceIt() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);

        assertThatThrownBy(() -> replica.put(staged, false))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo("OCFL_OBJECT_EXISTS"));

        builder.discard(id);
        StagedObject second = builder.build(
                id,
                List.of(Staging.stage(tmp.resolve("in"), "METS.xml", "<mets version='2'/>")),
                "Ingest, redone",
                "Kho",
                "mailto:a@example.vn");
        replica.put(second, true);

        assertThat(replica.verify(id, second.inventory())).isEmpty();
        assertThat(replica.inventory(id).files()).containsOnlyKeys("METS.xml");
        // what the first copy had and the second lacks is gone, not left as strays
        assertThat(replica.objectFiles(id))
                .containsExactlyElementsOf(
                        new ArrayList<>(Staging.tree(second.objectDir()).keySet()));
    }

    @Test
    void aPutThatFedoraRefusesHalfwayLeavesNothingVisibleAndCanBeRedone() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        // damaged in staging after the object was built: its bytes no longer have the digest the inventory states,
        // and it comes after the NAMASTE file, the inventories and METS.xml, which Fedora has taken by then
        Path scan = staged.objectDir().resolve(SCAN_CONTENT);
        byte[] good = Files.readAllBytes(scan);
        Files.writeString(scan, "%PDF-1.7 same byteZ");

        assertThatThrownBy(() -> replica.put(staged, false))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("STORAGE_WRITE_FAILED"))
                .hasMessageContaining(SCAN_CONTENT);

        assertThat(replica.contains(id)).isFalse();
        assertThat(replica.list()).isEmpty();
        assertThat(replica.objectFiles(id)).isEmpty();
        assertThat(fedora.send(java.net.http.HttpRequest.newBuilder(replica.groupUri(id))
                                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(404);

        // the transaction was rolled back, not left to expire holding its locks: the same id goes in at once
        Files.write(scan, good);
        replica.put(staged, false);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
    }

    @Test
    void repairsABinaryOnlyWithBytesOfTheExpectedDigest() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        fedora.overwriteBehindKhosBack(
                replica.fileUri(id, SCAN_CONTENT), "%PDF-1.7 same byteZ".getBytes(StandardCharsets.UTF_8));
        byte[] good = "%PDF-1.7 same bytes".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(
                        () -> replica.writeObjectFile(id, SCAN_CONTENT, bytes("%PDF-1.7 other"), Staging.sha256(good)))
                .isInstanceOfSatisfying(
                        FixityMismatchException.class, e -> assertThat(e.code()).isEqualTo("FIXITY_WRITE_MISMATCH"));
        try (InputStream in = replica.openObjectFile(id, SCAN_CONTENT)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 same byteZ");
        }

        replica.writeObjectFile(id, SCAN_CONTENT, new ByteArrayInputStream(good), Staging.sha256(good));

        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(replica.objectFiles(id))
                .containsExactlyElementsOf(
                        new ArrayList<>(Staging.tree(staged.objectDir()).keySet()));
        assertThatThrownBy(() -> replica.writeObjectFile(
                        PackageId.random(), "inventory.json", bytes("{}"), Staging.sha256(new byte[] {'{', '}'})))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("OCFL_OBJECT_MISSING"));
    }

    @Test
    void listsReadsAndRemovesAStrayBinary() throws Exception {
        PackageId id = PackageId.random();
        replica.put(stage(id), false);
        byte[] stray = "?".getBytes(StandardCharsets.UTF_8);
        fedora.overwriteBehindKhosBack(replica.fileUri(id, "v1/content/stray.txt"), stray);

        assertThat(replica.objectFiles(id)).contains("v1/content/stray.txt");
        try (InputStream in = replica.openObjectFile(id, "v1/content/stray.txt")) {
            assertThat(in.readAllBytes()).isEqualTo(stray);
        }

        replica.removeObjectFile(id, "v1/content/stray.txt");
        replica.removeObjectFile(id, "v1/content/stray.txt");

        assertThat(replica.objectFiles(id)).doesNotContain("v1/content/stray.txt");
        assertThatThrownBy(() -> replica.openObjectFile(id, "v1/content/stray.txt"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("OCFL_FILE_MISSING"));
        assertThatThrownBy(() -> replica.removeObjectFile(id, "v1/content"))
                .isInstanceOf(IllegalArgumentException.class);
        // a stray removed can come back: its tombstone was purged
        replica.writeObjectFile(id, "v1/content/stray.txt", new ByteArrayInputStream(stray), Staging.sha256(stray));
        assertThat(replica.objectFiles(id)).contains("v1/content/stray.txt");
        for (String path : new String[] {"../x", "v1/../../x", "/etc/passwd", "", "v1//x", "v1/./x", "v1/fcr:acl"}) {
            assertThatThrownBy(() -> replica.openObjectFile(id, path))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> replica.removeObjectFile(id, path))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aDeletedPackageIsGoneAndItsIdCanBePutAgain() {
        PackageId id = PackageId.random();
        PackageId kept = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        replica.put(stage(kept), false);

        replica.delete(id);

        assertThat(replica.contains(id)).isFalse();
        assertThat(replica.list()).containsExactly(kept);
        assertThat(replica.objectFiles(id)).isEmpty();
        replica.delete(id); // absent: nothing to do

        replica.put(staged, false);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(replica.list()).containsExactlyInAnyOrder(id, kept);
    }

    @Test
    void fileNamesWithSpacesVietnameseLettersAndReservedCharactersRoundTrip() throws Exception {
        PackageId id = PackageId.random();
        List<StagedFile> files = List.of(
                Staging.stage(tmp.resolve("in"), "tài liệu/Hồ sơ số 1 (bản gốc).pdf", "%PDF-1.7 hồ sơ"),
                Staging.stage(tmp.resolve("in"), "ghi chú/a+b=c (1) 50%.txt", "ghi chú"));
        StagedObject staged = builder.build(id, files, "Ingest", "Kho", null);

        replica.put(staged, false);

        assertThat(replica.objectFiles(id))
                .contains("v1/content/tài liệu/Hồ sơ số 1 (bản gốc).pdf", "v1/content/ghi chú/a+b=c (1) 50%.txt");
        try (InputStream in = replica.open(id, "tài liệu/Hồ sơ số 1 (bản gốc).pdf")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7 hồ sơ");
        }
        assertThat(replica.inventory(id).files()).isEqualTo(staged.inventory().files());
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
    }

    @Test
    void refusesUpFrontAPackageWithANameFedoraCannotHold() {
        PackageId id = PackageId.random();
        StagedObject staged = builder.build(
                id, List.of(Staging.stage(tmp.resolve("in"), "ghi chú #1.txt", "x")), "Ingest", "Kho", null);

        assertThatThrownBy(() -> replica.put(staged, false))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("STORAGE_WRITE_FAILED"))
                .hasMessageContaining("'#'");
        assertThat(replica.contains(id)).isFalse();
        assertThat(replica.list()).isEmpty();
    }

    @Test
    void reportsItselfDownAndFailsWithACodeWhenFedoraRefusesItsCredentials() {
        URI rest = fedora.restUrl();
        try (FedoraReplica locked =
                new FedoraReplica("x", new FedoraReplicaConfig(rest, FedoraServer.USER, "wrong", "kho-test/x"))) {
            assertThat(locked.health().up()).isFalse();
            assertThat(locked.health().detail()).contains("401");
            assertThatThrownBy(() -> locked.list())
                    .isInstanceOfSatisfying(StorageFailureException.class, e -> assertThat(e.code())
                            .isEqualTo("STORAGE_READ_FAILED"));
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
