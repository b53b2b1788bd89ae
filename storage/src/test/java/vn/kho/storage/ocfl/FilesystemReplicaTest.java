package vn.kho.storage.ocfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocfl.api.OcflRepository;
import io.ocfl.api.model.ValidationResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.ContentFile;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;

class FilesystemReplicaTest {
    private static final String SCAN = "representations/rep1/data/scan-1.pdf";

    @TempDir
    Path tmp;

    private OcflObjectBuilder builder;
    private FilesystemReplica a;
    private FilesystemReplica b;

    @BeforeEach
    void open() {
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
        a = new FilesystemReplica("a", tmp.resolve("replicas/a"));
        b = new FilesystemReplica("b", tmp.resolve("replicas/b"));
    }

    @AfterEach
    void close() {
        b.close();
        a.close();
        builder.close();
    }

    private StagedObject stage(PackageId id) {
        return builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");
    }

    @Test
    void putsByteIdenticalCopiesThatOcflJavaValidatesWithContentFixity() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        a.put(staged, false);
        b.put(staged, false);

        for (FilesystemReplica replica : List.of(a, b)) {
            ValidationResults results = OcflValidation.validate(replica.root(), id.urn());
            assertThat(results.getErrors()).as(replica.id()).isEmpty();
            assertThat(OcflValidation.warningCodes(results)).as(replica.id()).containsOnly("W004");
            assertThat(replica.verify(id, staged.inventory())).isEmpty();
            assertThat(replica.contains(id)).isTrue();
            assertThat(replica.list()).containsExactly(id);
        }
        Map<String, byte[]> copyA = Staging.tree(a.objectDir(id));
        Map<String, byte[]> copyB = Staging.tree(b.objectDir(id));
        assertThat(copyA).hasSize(Staging.tree(staged.objectDir()).size()).containsOnlyKeys(copyB.keySet());
        copyA.forEach((path, bytes) -> assertThat(copyB.get(path)).as(path).isEqualTo(bytes));
        copyA.forEach((path, bytes) ->
                assertThat(Staging.tree(staged.objectDir()).get(path)).as(path).isEqualTo(bytes));
        // the object lands at the same root-relative path as in staging
        assertThat(tmp.resolve("replicas/a").relativize(a.objectDir(id)))
                .isEqualTo(tmp.resolve("staging").relativize(staged.objectDir()));
        // nothing is left in the incoming area, so ocfl-java with its defaults can open the root
        assertThat(a.root().resolve(FilesystemReplica.INCOMING)).doesNotExist();
    }

    @Test
    void createsAStorageRootAsOcflJavaWouldAndOcflJavaListsItsObjects() throws Exception {
        PackageId id = PackageId.random();
        a.put(stage(id), false);

        Path root = a.root();
        assertThat(Files.readString(root.resolve("0=ocfl_1.1"))).isEqualTo("ocfl_1.1\n");
        assertThat(root.resolve("ocfl_layout.json")).isRegularFile();
        assertThat(root.resolve("extensions/0004-hashed-n-tuple-storage-layout/config.json"))
                .isRegularFile();
        try (var entries = Files.list(root)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".kho")))
                    .isEmpty();
        }
        OcflRepository ocflJava = OcflValidation.openWithOcflJava(root);
        try {
            assertThat(ocflJava.listObjectIds()).containsExactly(id.urn());
        } finally {
            ocflJava.close();
        }
    }

    @Test
    void givesTheLocalPathOfEachContentFileAtItsStoragePath() {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        a.put(staged, false);

        ContentFile scan = staged.inventory().files().get(SCAN);
        String storagePath = a.storagePath(id, scan.contentPath());
        assertThat(a.root().resolve(storagePath)).isRegularFile();
        assertThat(a.localPath(id, SCAN)).contains(a.root().resolve(storagePath));
    }

    @Test
    void reportsItselfDownWhenItsStorageRootIsGone() throws Exception {
        assertThat(b.health().up()).isTrue();
        DurableFilesForTests.deleteTree(b.root());

        assertThat(b.health()).satisfies(h -> assertThat(h.up()).isFalse()).satisfies(h -> assertThat(h.replicaId())
                .isEqualTo("b"));
    }

    @Test
    void verifyFindsAFlippedByte() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        a.put(staged, false);
        Path scan = a.localPath(id, SCAN).orElseThrow();
        byte[] bytes = Files.readAllBytes(scan);
        bytes[3] ^= 0x01;
        Files.write(scan, bytes);

        List<Finding> findings = a.verify(id, staged.inventory());

        // one content file backs two logical paths: both are reported
        assertThat(findings)
                .extracting(Finding::code, Finding::path)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("OCFL_DIGEST_MISMATCH", SCAN),
                        org.assertj.core.groups.Tuple.tuple(
                                "OCFL_DIGEST_MISMATCH", "representations/rep2/data/scan-1.pdf"));
        assertThat(findings).allMatch(Finding::isError);
    }

    /** The contract's replace, seen on disk: no incoming area left behind, a root that ocfl-java validates. */
    @Test
    void replacingAnObjectLeavesAValidRootAndNoIncomingArea() {
        PackageId id = PackageId.random();
        a.put(stage(id), false);
        builder.discard(id);
        StagedObject second = builder.build(
                id,
                List.of(Staging.stage(tmp.resolve("in"), "METS.xml", "<mets version='2'/>")),
                "Ingest, redone",
                "Kho",
                "mailto:a@example.vn");

        a.put(second, true);

        assertThat(a.verify(id, second.inventory())).isEmpty();
        assertThat(OcflValidation.validate(a.root(), id.urn()).getErrors()).isEmpty();
        assertThat(a.root().resolve(FilesystemReplica.INCOMING)).doesNotExist();
    }

    @Test
    void deleteRemovesTheObjectAndTheEmptyDirectoriesAboveIt() {
        PackageId id = PackageId.random();
        PackageId kept = PackageId.random();
        a.put(stage(id), false);
        a.put(stage(kept), false);

        a.delete(id);

        assertThat(a.contains(id)).isFalse();
        assertThat(a.list()).containsExactly(kept);
        assertThat(a.objectDir(id).getParent().getParent().getParent()).doesNotExist();
        assertThat(OcflValidation.validate(a.root(), kept.urn()).getErrors()).isEmpty();
        a.delete(id); // absent: nothing to do
    }

    @Test
    void removesWhatACrashLeftInTheIncomingAreaWhenReopened() throws Exception {
        PackageId complete = PackageId.random();
        PackageId interrupted = PackageId.random();
        a.put(stage(complete), false);
        StagedObject half = stage(interrupted);
        // A crash in the middle of a put: part of the object copied into the incoming area, never renamed into place.
        Path copy = a.root().resolve(FilesystemReplica.INCOMING).resolve("3f2a/object");
        Files.createDirectories(copy.resolve("v1/content"));
        Files.copy(half.objectDir().resolve("0=ocfl_object_1.1"), copy.resolve("0=ocfl_object_1.1"));
        Files.copy(half.objectDir().resolve("inventory.json"), copy.resolve("inventory.json"));
        Files.writeString(copy.resolve("v1/content/METS.xml"), "<me");
        // and a replace that crashed after moving the old copy aside
        Files.createDirectories(copy.resolveSibling("replaced/v1"));
        a.close();

        FilesystemReplica reopened = new FilesystemReplica("a", tmp.resolve("replicas/a"));

        assertThat(reopened.root().resolve(FilesystemReplica.INCOMING)).doesNotExist();
        assertThat(reopened.contains(interrupted)).isFalse();
        assertThat(reopened.list()).containsExactly(complete);
        OcflRepository ocflJava = OcflValidation.openWithOcflJava(reopened.root());
        try {
            assertThat(ocflJava.listObjectIds()).containsExactly(complete.urn());
            assertThat(ocflJava.validateObject(complete.urn(), true).getErrors())
                    .isEmpty();
        } finally {
            ocflJava.close();
        }
        reopened.put(half, false);
        assertThat(reopened.verify(interrupted, half.inventory())).isEmpty();
    }

    @Test
    void finishesAnInitialisationThatACrashInterrupted() throws Exception {
        Path root = tmp.resolve("replicas/c");
        Files.createDirectories(root.resolve(".kho-init-1234/root"));
        Files.writeString(root.resolve("ocfl_layout.json"), "{\"extension\":");

        FilesystemReplica c = new FilesystemReplica("c", root);
        PackageId id = PackageId.random();
        c.put(stage(id), false);

        assertThat(root.resolve(".kho-init-1234")).doesNotExist();
        assertThat(OcflValidation.validate(root, id.urn()).getErrors()).isEmpty();
    }

    @Test
    void refusesADirectoryThatHoldsSomethingElse() throws Exception {
        Path root = tmp.resolve("replicas/d");
        Files.createDirectories(root);
        Files.writeString(root.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> new FilesystemReplica("d", root))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("OCFL_ROOT_INVALID"));
        assertThat(root.resolve("notes.txt")).exists();
    }

    @Test
    void takesTheStagedFilesByHardLinkWhenOfferedThemOnTheStagingFilesystem() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        assertThat(a.canLink(staged.objectDir())).isTrue();

        a.put(staged.offeredForLinking(), false);
        b.put(staged, false);

        Map<String, byte[]> stagedFiles = Staging.tree(staged.objectDir());
        for (String path : stagedFiles.keySet()) {
            assertThat(Files.isSameFile(
                            a.objectDir(id).resolve(path), staged.objectDir().resolve(path)))
                    .as(path)
                    .isTrue();
            assertThat(Files.isSameFile(
                            b.objectDir(id).resolve(path), staged.objectDir().resolve(path)))
                    .as(path)
                    .isFalse();
        }
        assertThat(a.verify(id, staged.inventory())).isEmpty();
        assertThat(OcflValidation.validate(a.root(), id.urn()).getErrors()).isEmpty();
        // staging goes after the store; the linked copy stays whole
        builder.discard(id);
        assertThat(a.verify(id, staged.inventory())).isEmpty();
        assertThat(Staging.tree(a.objectDir(id))).containsOnlyKeys(stagedFiles.keySet());
        assertThat(a.root().resolve(FilesystemReplica.INCOMING)).doesNotExist();
    }

    @Test
    void copiesTheStagedFilesWhenAHardLinkFails() throws Exception {
        FilesystemReplica c = new FilesystemReplica("c", tmp.resolve("replicas/c")) {
            @Override
            protected void link(Path staged, Path link) throws java.io.IOException {
                throw new java.nio.file.FileSystemException(
                        link.toString(), staged.toString(), "Invalid cross-device link");
            }
        };
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        c.put(staged.offeredForLinking(), false);

        for (String path : Staging.tree(staged.objectDir()).keySet()) {
            assertThat(Files.isSameFile(
                            c.objectDir(id).resolve(path), staged.objectDir().resolve(path)))
                    .as(path)
                    .isFalse();
        }
        assertThat(c.verify(id, staged.inventory())).isEmpty();
        assertThat(OcflValidation.validate(c.root(), id.urn()).getErrors()).isEmpty();
        assertThat(c.root().resolve(FilesystemReplica.INCOMING)).doesNotExist();
    }

    @Test
    void copiesTheStagedFilesFromAnotherFilesystem() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(shm)
                        && Files.isWritable(shm)
                        && !Files.getAttribute(shm, "unix:dev").equals(Files.getAttribute(tmp, "unix:dev")),
                "needs /dev/shm on another filesystem than the temporary directory");
        Path elsewhere = Files.createTempDirectory(shm, "kho-staging-");
        try (OcflObjectBuilder other =
                new OcflObjectBuilder(elsewhere.resolve("staging"), elsewhere.resolve("work"), false)) {
            PackageId id = PackageId.random();
            StagedObject staged = other.build(
                    id, Staging.samplePackage(elsewhere.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");
            assertThat(a.canLink(staged.objectDir())).isFalse();

            // offered anyway: the link fails across filesystems and the replica copies
            a.put(staged.offeredForLinking(), false);

            assertThat(a.verify(id, staged.inventory())).isEmpty();
            assertThat(Staging.tree(a.objectDir(id)))
                    .containsOnlyKeys(Staging.tree(staged.objectDir()).keySet());
        } finally {
            DurableFiles.deleteTree(elsewhere);
        }
    }
}
