package vn.kho.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.ConflictException;
import vn.kho.repository.Finding;
import vn.kho.repository.FixityMismatchException;
import vn.kho.repository.NotFoundException;
import vn.kho.repository.PackageId;
import vn.kho.storage.ocfl.OcflObjectBuilder;
import vn.kho.storage.ocfl.OcflVersionAppender;
import vn.kho.storage.ocfl.RootInventory;

/**
 * What every kind of {@link Replica} must do, whatever it keeps its storage root on. A subclass per kind gives a
 * fresh, empty replica with {@link #newReplica}; everything here goes through the {@code Replica} interface (a file
 * is damaged behind an inventory's back with {@link Replica#writeObjectFile}, which checks only the digest it is
 * given). What only one kind can do (hard links, fsyncs, its own failure modes) is tested beside it.
 */
public abstract class ReplicaContract {
    protected static final String SCAN = "representations/rep1/data/scan-1.pdf";
    protected static final String SCAN_CONTENT = "v1/content/" + SCAN;
    protected static final byte[] SCAN_BYTES = "%PDF-1.7 same bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    protected java.nio.file.Path tmp;

    protected OcflObjectBuilder builder;
    protected Replica replica;

    /** A new, empty replica of this kind named {@code id}; the contract closes it. */
    protected abstract Replica newReplica(String id);

    @BeforeEach
    void openContract() {
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
        replica = newReplica("a");
    }

    @AfterEach
    void closeContract() {
        replica.close();
        builder.close();
    }

    /** The sample package ({@link Staging#samplePackage}) staged as object {@code id}. */
    protected StagedObject stage(PackageId id) {
        return builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");
    }

    @Test
    void storesACopyThatReadsBackAndVerifies() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        replica.put(staged, false);

        assertThat(replica.contains(id)).isTrue();
        assertThat(replica.list()).containsExactly(id);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(replica.inventory(id)).isEqualTo(staged.inventory());
        try (InputStream in = replica.open(id, SCAN)) {
            assertThat(in.readAllBytes()).isEqualTo(SCAN_BYTES);
        }
        // every file of the staged object, byte for byte, at the same object-relative path
        Map<String, byte[]> stagedFiles = Staging.tree(staged.objectDir());
        assertThat(replica.objectFiles(id)).containsExactlyElementsOf(stagedFiles.keySet());
        for (var file : stagedFiles.entrySet()) {
            try (InputStream in = replica.openObjectFile(id, file.getKey())) {
                assertThat(in.readAllBytes()).as(file.getKey()).isEqualTo(file.getValue());
            }
        }
        // where each kind keeps the object is its own (a hashed n-tuple path, a Fedora container); the content path
        // inside it is the inventory's
        assertThat(replica.storagePath(id, SCAN_CONTENT)).endsWith("/" + SCAN_CONTENT);
    }

    @Test
    void answersNotFoundForAnObjectOrFileItDoesNotHold() {
        PackageId id = PackageId.random();
        replica.put(stage(id), false);
        PackageId absent = PackageId.random();

        assertThat(replica.contains(absent)).isFalse();
        assertThatThrownBy(() -> replica.inventory(absent))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("PACKAGE_NOT_FOUND"));
        assertThatThrownBy(() -> replica.open(absent, SCAN)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> replica.open(id, "nope.txt")).isInstanceOf(NotFoundException.class);
        assertThat(replica.objectFiles(absent)).isEmpty();
        assertThatThrownBy(() -> replica.openObjectFile(id, "v1/content/nope"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("OCFL_FILE_MISSING"));
    }

    @Test
    void verifyFindsAChangedContentFileUnderEveryLogicalPathItBacks() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        byte[] flipped = SCAN_BYTES.clone();
        flipped[3] ^= 0x01;
        replica.writeObjectFile(id, SCAN_CONTENT, new ByteArrayInputStream(flipped), Staging.sha256(flipped));

        List<Finding> findings = replica.verify(id, staged.inventory());

        assertThat(findings)
                .extracting(Finding::code, Finding::path)
                .containsExactlyInAnyOrder(
                        tuple("OCFL_DIGEST_MISMATCH", SCAN),
                        tuple("OCFL_DIGEST_MISMATCH", "representations/rep2/data/scan-1.pdf"));
        assertThat(findings).allMatch(Finding::isError);
    }

    @Test
    void verifyFindsAMissingFile() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        replica.removeObjectFile(id, "v1/content/METS.xml");

        assertThat(replica.verify(id, staged.inventory()))
                .extracting(Finding::code, Finding::path)
                .containsExactly(tuple("OCFL_FILE_MISSING", "METS.xml"));
    }

    @Test
    void verifyFindsAnInventoryThatNoLongerMatchesItsSidecar() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        String inventory;
        try (InputStream in = replica.openObjectFile(id, "inventory.json")) {
            inventory = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] changed = inventory
                .replace("\"message\":\"Ingest\"", "\"message\":\"Ingesx\"")
                .getBytes(StandardCharsets.UTF_8);
        replica.writeObjectFile(id, "inventory.json", new ByteArrayInputStream(changed), Staging.sha256(changed));

        assertThat(replica.verify(id, staged.inventory()))
                .extracting(Finding::code)
                .contains("OCFL_INVENTORY_MISMATCH")
                .doesNotContain("OCFL_DIGEST_MISMATCH");
    }

    @Test
    void verifyFindsAnInventoryThatStatesOtherContent() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        ContentFile mets = staged.inventory().files().get("METS.xml");
        Map<String, ContentFile> other = new HashMap<>(staged.inventory().files());
        other.put("METS.xml", new ContentFile("METS.xml", mets.contentPath(), "0".repeat(64), mets.size()));

        List<Finding> findings =
                replica.verify(id, new ObjectInventory(id, 1, staged.inventory().created(), other));

        assertThat(findings)
                .extracting(Finding::code)
                .containsExactlyInAnyOrder("OCFL_INVENTORY_MISMATCH", "OCFL_DIGEST_MISMATCH");
    }

    @Test
    void verifyReportsAnAbsentObject() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        assertThat(replica.verify(id, staged.inventory()))
                .extracting(Finding::code)
                .containsExactly("OCFL_OBJECT_MISSING");
    }

    @Test
    void refusesToOverwriteAnExistingObjectUnlessAskedToReplaceIt() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);

        assertThatThrownBy(() -> replica.put(staged, false))
                .isInstanceOfSatisfying(
                        ConflictException.class, e -> assertThat(e.code()).isEqualTo("OCFL_OBJECT_EXISTS"));
        assertThat(replica.verify(id, staged.inventory())).isEmpty();

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
        assertThat(replica.objectFiles(id))
                .containsExactlyElementsOf(Staging.tree(second.objectDir()).keySet());
        assertThat(replica.list()).containsExactly(id);
    }

    @Test
    void deleteRemovesTheObjectAndLeavesTheOthers() {
        PackageId id = PackageId.random();
        PackageId kept = PackageId.random();
        replica.put(stage(id), false);
        StagedObject keptStaged = stage(kept);
        replica.put(keptStaged, false);

        replica.delete(id);

        assertThat(replica.contains(id)).isFalse();
        assertThat(replica.list()).containsExactly(kept);
        assertThat(replica.objectFiles(id)).isEmpty();
        assertThat(replica.verify(kept, keptStaged.inventory())).isEmpty();
        replica.delete(id); // absent: nothing to do
    }

    @Test
    void listsEveryFileOfTheObjectStraysIncluded() {
        PackageId id = PackageId.random();
        replica.put(stage(id), false);
        replica.writeObjectFile(id, "v1/stray.txt", bytes("?"), sha("?"));

        assertThat(replica.objectFiles(id))
                .containsExactly(
                        "0=ocfl_object_1.1",
                        "inventory.json",
                        "inventory.json.sha256",
                        "v1/content/METS.xml",
                        "v1/content/metadata/descriptive/EAD.xml",
                        SCAN_CONTENT,
                        "v1/inventory.json",
                        "v1/inventory.json.sha256",
                        "v1/stray.txt");
    }

    @Test
    void refusesPathsThatLeaveTheObject() {
        PackageId id = PackageId.random();
        replica.put(stage(id), false);
        for (String path : new String[] {"../x", "v1/../../x", "/etc/passwd", "", "v1//x", "v1/./x"}) {
            assertThatThrownBy(() -> replica.openObjectFile(id, path))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> replica.writeObjectFile(id, path, bytes("x"), sha("x")))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> replica.removeObjectFile(id, path))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void replacesAFileOnlyWithBytesOfTheExpectedDigest() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        byte[] damaged = "%PDF-1.7 same byteZ".getBytes(StandardCharsets.UTF_8);
        replica.writeObjectFile(id, SCAN_CONTENT, new ByteArrayInputStream(damaged), Staging.sha256(damaged));

        assertThatThrownBy(() ->
                        replica.writeObjectFile(id, SCAN_CONTENT, bytes("%PDF-1.7 other"), Staging.sha256(SCAN_BYTES)))
                .isInstanceOfSatisfying(
                        FixityMismatchException.class, e -> assertThat(e.code()).isEqualTo("FIXITY_WRITE_MISMATCH"));
        assertThat(read(id, SCAN_CONTENT)).isEqualTo(damaged);

        replica.writeObjectFile(id, SCAN_CONTENT, new ByteArrayInputStream(SCAN_BYTES), Staging.sha256(SCAN_BYTES));

        assertThat(read(id, SCAN_CONTENT)).isEqualTo(SCAN_BYTES);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(replica.objectFiles(id))
                .containsExactlyElementsOf(Staging.tree(staged.objectDir()).keySet());
    }

    @Test
    void writesAFileWhoseDirectoriesAreGone() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        byte[] ead = "<ead>hồ sơ</ead>".getBytes(StandardCharsets.UTF_8);
        replica.removeObjectFile(id, "v1/content/metadata/descriptive/EAD.xml");

        replica.writeObjectFile(id, "v1/content/metadata/descriptive/EAD.xml", new ByteArrayInputStream(ead), sha(ead));

        assertThat(read(id, "v1/content/metadata/descriptive/EAD.xml")).isEqualTo(ead);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
    }

    @Test
    void writesNothingForAnObjectItDoesNotHold() {
        PackageId absent = PackageId.random();
        assertThatThrownBy(() -> replica.writeObjectFile(absent, "inventory.json", bytes("{}"), sha("{}")))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.code()).isEqualTo("OCFL_OBJECT_MISSING"));
        assertThat(replica.objectFiles(absent)).isEmpty();
    }

    @Test
    void removesAStrayButRefusesToRemoveADirectory() {
        PackageId id = PackageId.random();
        replica.put(stage(id), false);
        replica.writeObjectFile(id, "extensions/junk/x.bin", bytes("x"), sha("x"));
        replica.writeObjectFile(id, "v1/content/stray.txt", bytes("?"), sha("?"));

        replica.removeObjectFile(id, "extensions/junk/x.bin");
        replica.removeObjectFile(id, "v1/content/stray.txt");
        replica.removeObjectFile(id, "v1/content/stray.txt"); // absent: nothing to do

        assertThat(replica.objectFiles(id)).noneMatch(p -> p.startsWith("extensions/") || p.endsWith("stray.txt"));
        assertThatThrownBy(() -> replica.removeObjectFile(id, "v1/content"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(replica.contains(id)).isTrue();
    }

    @Test
    void reportsItselfUp() {
        assertThat(replica.health())
                .satisfies(h -> assertThat(h.up()).isTrue())
                .satisfies(h -> assertThat(h.replicaId()).isEqualTo("a"));
    }

    @Test
    void twoReplicasOfTheKindHoldTheSameObjectIndependently() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        try (Replica b = newReplica("b")) {
            replica.put(staged, false);
            b.put(staged, false);
            replica.delete(id);

            assertThat(b.contains(id)).isTrue();
            assertThat(b.verify(id, staged.inventory())).isEmpty();
            assertThat(replica.contains(id)).isFalse();
        }
    }

    @Test
    void takesTheNextVersionOfAnObjectWrittenFileByFileAsTheEventLogWritesIt() throws Exception {
        PackageId month = EventLogIds.of(java.time.YearMonth.of(2026, 11));
        OcflVersionAppender appender =
                new OcflVersionAppender(tmp.resolve("appender/root"), tmp.resolve("appender/work"));
        byte[] first = "<premis>day 1</premis>".getBytes(StandardCharsets.UTF_8);
        byte[] second = "<premis>day 2</premis>".getBytes(StandardCharsets.UTF_8);
        appender.append(
                replica, appender.stage(month, null, Map.of("events/2026-11-01.xml", first), "1", "Kho", "urn:x"));

        StagedVersion next = appender.stage(
                month,
                RootInventory.read(replica, month).orElseThrow(),
                Map.of("events/2026-11-02.xml", second),
                "2",
                "Kho",
                "urn:x");
        appender.append(replica, next);

        assertThat(replica.inventory(month).headVersion()).isEqualTo(2);
        assertThat(replica.inventory(month).files()).containsOnlyKeys("events/2026-11-01.xml", "events/2026-11-02.xml");
        try (InputStream in = replica.open(month, "events/2026-11-01.xml")) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
        try (InputStream in = replica.open(month, "events/2026-11-02.xml")) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
        assertThat(replica.verify(month, replica.inventory(month))).isEmpty();
        assertThat(RootInventory.read(replica, month).orElseThrow().headVersion())
                .isEqualTo(2);
    }

    protected byte[] read(PackageId id, String objectPath) throws Exception {
        try (InputStream in = replica.openObjectFile(id, objectPath)) {
            return in.readAllBytes();
        }
    }

    protected static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    protected static String sha(String text) {
        return sha(text.getBytes(StandardCharsets.UTF_8));
    }

    protected static String sha(byte[] bytes) {
        return Staging.sha256(bytes);
    }
}
