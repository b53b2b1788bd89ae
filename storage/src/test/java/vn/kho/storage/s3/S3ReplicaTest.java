package vn.kho.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.ocfl.api.model.ValidationResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import vn.kho.repository.Finding;
import vn.kho.repository.PackageId;
import vn.kho.repository.StorageFailureException;
import vn.kho.storage.StagedObject;
import vn.kho.storage.Staging;
import vn.kho.storage.ocfl.OcflObjectBuilder;
import vn.kho.storage.ocfl.OcflValidation;

/** What only the S3 replica does: checksums the server checks, multipart uploads, and puts that fail halfway. */
class S3ReplicaTest {
    private static final String SCAN = "representations/rep1/data/scan-1.pdf";
    private static final String PREFIX = "archive/";

    @TempDir
    static Path serverDir;

    static S3ProxyServer server;

    @TempDir
    Path tmp;

    private String bucket;
    private OcflObjectBuilder builder;
    private final List<S3Replica> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void open() {
        if (!server.isRunning()) {
            server.start(); // a test that stopped it failed before starting it again
        }
        bucket = "kho-" + UUID.randomUUID();
        server.createBucket(bucket);
        builder = new OcflObjectBuilder(tmp.resolve("staging"), tmp.resolve("work"), false);
    }

    @AfterEach
    void close() {
        opened.forEach(S3Replica::close);
        builder.close();
    }

    private S3Replica replica(S3ReplicaConfig config) {
        S3Replica replica = new S3Replica("s3", config);
        opened.add(replica);
        return replica;
    }

    private S3Replica replica() {
        return replica(server.replicaConfig(bucket, PREFIX));
    }

    private StagedObject stage(PackageId id) {
        return builder.build(id, Staging.samplePackage(tmp.resolve("in")), "Ingest", "Kho", "mailto:a@example.vn");
    }

    @Test
    void keepsAStorageRootThatOcflJavaValidatesInTheServersBackingDirectory() {
        S3Replica replica = replica();
        PackageId id = PackageId.random();
        replica.put(stage(id), false);

        // the filesystem backend keeps each key as a file at its path: the prefix is a storage root on disk
        Path root = server.basedir().resolve(bucket).resolve("archive");
        assertThat(root.resolve("0=ocfl_1.1")).hasContent("ocfl_1.1");
        ValidationResults results = OcflValidation.validate(root, id.urn());
        assertThat(results.getErrors()).isEmpty();
        assertThat(OcflValidation.warningCodes(results)).containsOnly("W004");
        assertThat(replica.localPath(id, SCAN)).isEmpty();
    }

    @Test
    void opensAnExistingStorageRootAndRefusesAPrefixHoldingSomethingElse() throws Exception {
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica().put(staged, false);
        long declared = Files.getLastModifiedTime(server.fileOf(bucket, PREFIX + "0=ocfl_1.1"))
                .toMillis();

        S3Replica again = replica();

        assertThat(again.verify(id, staged.inventory())).isEmpty();
        assertThat(Files.getLastModifiedTime(server.fileOf(bucket, PREFIX + "0=ocfl_1.1"))
                        .toMillis())
                .isEqualTo(declared);
        try (S3Client s3 = server.client()) {
            s3.putObject(b -> b.bucket(bucket).key("other/notes.txt"), RequestBody.fromString("mine"));
        }
        assertThatThrownBy(() -> replica(server.replicaConfig(bucket, "other")))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("OCFL_ROOT_INVALID"));
    }

    @Test
    void uploadsALargeFileInPartsThatReadBackAndVerify() throws Exception {
        S3Replica replica = replica(server.replicaConfig(bucket, PREFIX).withPartSize(S3ReplicaConfig.MIN_PART_SIZE));
        byte[] large = randomBytes((int) (2 * S3ReplicaConfig.MIN_PART_SIZE) + 12345);
        PackageId id = PackageId.random();
        StagedObject staged = builder.build(
                id,
                List.of(
                        Staging.stage(tmp.resolve("in"), "METS.xml", "<mets/>"),
                        Staging.stage(tmp.resolve("in"), "data/large.tif", large)),
                "Ingest",
                "Kho",
                "mailto:a@example.vn");

        replica.put(staged, false);

        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        try (InputStream in = replica.open(id, "data/large.tif")) {
            assertThat(sha256(in)).isEqualTo(Staging.sha256(large));
        }
        try (S3Client s3 = server.client()) {
            // a multipart object's ETag is not an MD5 of its bytes but names its number of parts
            assertThat(s3.headObject(b -> b.bucket(bucket).key(replica.key(id, "v1/content/data/large.tif")))
                            .eTag())
                    .endsWith("-3\"");
        }
    }

    @Test
    void verifyFindsAByteFlippedInTheServersBackingFile() throws Exception {
        S3Replica replica = replica();
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        Path stored = server.fileOf(bucket, replica.key(id, "v1/content/" + SCAN));
        byte[] bytes = Files.readAllBytes(stored);
        bytes[3] ^= 0x01;
        Files.write(stored, bytes);

        assertThat(replica.verify(id, staged.inventory()))
                .extracting(Finding::code, Finding::path)
                .containsExactlyInAnyOrder(
                        tuple("OCFL_DIGEST_MISMATCH", SCAN),
                        tuple("OCFL_DIGEST_MISMATCH", "representations/rep2/data/scan-1.pdf"));
    }

    @Test
    void theServerRefusesBytesThatDifferFromTheChecksumSentWithThem() throws Exception {
        Path small = Files.write(tmp.resolve("small.bin"), "%PDF-1.7 same bytes".getBytes(StandardCharsets.UTF_8));
        Path large = Files.write(tmp.resolve("large.bin"), randomBytes((int) S3ReplicaConfig.MIN_PART_SIZE + 100));
        try (S3Client s3 = server.client()) {
            S3Uploads flipping = new S3Uploads(s3, bucket, S3ReplicaConfig.MIN_PART_SIZE) {
                @Override
                InputStream open(Path file, long offset, long length) {
                    return flipFirstByte(super.open(file, offset, length));
                }
            };

            for (Path file : List.of(small, large)) {
                String key = "refused/" + file.getFileName();
                assertThatThrownBy(() -> flipping.upload(file, key, null))
                        .as(key)
                        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode() + " "
                                        + e.awsErrorDetails().errorCode())
                                .isEqualTo("400 BadDigest"));
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key(key)))
                        .as(key)
                        .isInstanceOf(NoSuchKeyException.class);
            }
            // without Content-MD5 the same damaged bytes are stored: the refusals above are the checksum's doing
            byte[] original = Files.readAllBytes(small);
            s3.putObject(
                    b -> b.bucket(bucket).key("unchecked/small.bin"),
                    RequestBody.fromContentProvider(
                            () -> flipFirstByte(new java.io.ByteArrayInputStream(original)),
                            original.length,
                            "application/octet-stream"));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("unchecked/small.bin"))
                            .asByteArray())
                    .isNotEqualTo(original);
            // the same uploads, unharmed, are taken
            new S3Uploads(s3, bucket, S3ReplicaConfig.MIN_PART_SIZE).upload(large, "taken/large.bin", null);
            assertThat(s3.headObject(b -> b.bucket(bucket).key("taken/large.bin"))
                            .contentLength())
                    .isEqualTo(Files.size(large));
        }
    }

    @Test
    void aPutWhoseStagedFileChangedOrVanishedLeavesNothingBehind() throws Exception {
        S3Replica replica = replica();
        PackageId changed = PackageId.random();
        StagedObject stagedChanged = stage(changed);
        Files.writeString(stagedChanged.objectDir().resolve("v1/content/" + SCAN), "%PDF-1.7 same byteZ");
        PackageId vanished = PackageId.random();
        StagedObject stagedVanished = stage(vanished);
        Files.delete(stagedVanished.objectDir().resolve("v1/content/METS.xml"));

        for (StagedObject staged : List.of(stagedChanged, stagedVanished)) {
            assertThatThrownBy(() -> replica.put(staged, false))
                    .isInstanceOfSatisfying(StorageFailureException.class, e -> assertThat(e.code())
                            .isEqualTo("STORAGE_WRITE_FAILED"));
        }

        for (PackageId id : List.of(changed, vanished)) {
            assertThat(replica.contains(id)).isFalse();
            assertThat(replica.objectFiles(id)).isEmpty();
        }
        assertThat(replica.list()).isEmpty();
    }

    @Test
    void aPutCutOffByTheServerStoppingLeavesNoObjectAndTheNextPutCompletesIt() {
        AtomicBoolean stopped = new AtomicBoolean();
        S3ReplicaConfig config = server.replicaConfig(bucket, PREFIX);
        // the server goes away once the first content file is about to be sent
        S3Replica replica = new S3Replica("s3", config, (s3, b, partSize) -> new S3Uploads(s3, b, partSize) {
            @Override
            InputStream open(Path file, long offset, long length) {
                if (file.toString().contains("/v1/content/") && stopped.compareAndSet(false, true)) {
                    server.stop();
                }
                return super.open(file, offset, length);
            }
        });
        opened.add(replica);
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);

        assertThatThrownBy(() -> replica.put(staged, false)).isInstanceOf(StorageFailureException.class);
        assertThat(replica.health().up()).isFalse();
        server.start();

        // what was written before the stop is still there, but no object is visible
        assertThat(replica.objectFiles(id)).contains("0=ocfl_object_1.1");
        assertThat(replica.contains(id)).isFalse();
        assertThat(replica.list()).isEmpty();
        replica.put(staged, false);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(replica.objectFiles(id))
                .containsExactlyElementsOf(Staging.tree(staged.objectDir()).keySet());
    }

    @Test
    void theServerStopsAndStartsAgainOnTheSamePortWithItsBuckets() {
        S3Replica replica = replica();
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);

        server.stop();
        assertThat(replica.health().up()).isFalse();
        assertThatThrownBy(() -> replica.contains(id))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("STORAGE_UNAVAILABLE"));
        server.start();

        assertThat(replica.health().up()).isTrue();
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
    }

    @Test
    void aReplicaWhoseServerIsDownWhenKhoStartsOpensItsStorageRootOnceTheServerAnswers() {
        server.stop();
        S3Replica replica = replica(); // does not throw: the write quorum decides whether Kho can store

        assertThat(replica.health().up()).isFalse();
        assertThatThrownBy(() -> replica.contains(PackageId.random()))
                .isInstanceOfSatisfying(
                        StorageFailureException.class, e -> assertThat(e.code()).isEqualTo("STORAGE_ROOT_UNAVAILABLE"));
        server.start();

        assertThat(replica.health().up()).isTrue();
        PackageId id = PackageId.random();
        StagedObject staged = stage(id);
        replica.put(staged, false);
        assertThat(replica.verify(id, staged.inventory())).isEmpty();
        assertThat(OcflValidation.validate(server.basedir().resolve(bucket).resolve("archive"), id.urn())
                        .getErrors())
                .isEmpty();
    }

    private static InputStream flipFirstByte(InputStream in) {
        return new java.io.FilterInputStream(in) {
            private boolean first = true;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (first && b >= 0) {
                    first = false;
                    return b ^ 0x01;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (first && n > 0) {
                    first = false;
                    buffer[off] ^= 0x01;
                }
                return n;
            }
        };
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(InputStream in) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
