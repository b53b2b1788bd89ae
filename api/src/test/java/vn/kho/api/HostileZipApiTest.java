package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kho.ingest.unpack.TestZip;

/**
 * Hostile zips, written byte by byte, around an otherwise valid bag and sent over HTTP: each is rejected with its
 * own ZIP_ code, and afterwards no replica, no index entry and no staging folder has changed.
 */
class HostileZipApiTest {
    @TempDir
    static Path tmp;

    static KhoTestServer server;

    @BeforeAll
    static void start() {
        server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("ingest.maxEntries", "40"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A small valid bag (bagit.txt, manifest, one payload file), to which each case adds one hostile entry. */
    static TestZip bag() {
        TestZip z = new TestZip();
        byte[] hello = "xin chào".getBytes(StandardCharsets.UTF_8);
        z.add(
                "bag/bagit.txt",
                "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".getBytes(StandardCharsets.UTF_8));
        z.add("bag/data/hello.txt", hello);
        z.add("bag/manifest-sha256.txt", (sha256(hello) + "  data/hello.txt\n").getBytes(StandardCharsets.UTF_8));
        return z;
    }

    static Stream<Arguments> cases() {
        byte[] x = "x".getBytes(StandardCharsets.US_ASCII);
        byte[] cp1258 = "Báo cáo.txt".getBytes(Charset.forName("windows-1258"));
        return Stream.of(
                Arguments.of("ZIP_PATH_ESCAPE", (Consumer<TestZip>) z -> z.add("bag/../../outside.txt", x)),
                Arguments.of("ZIP_SYMLINK", (Consumer<TestZip>)
                        z -> z.stored("bag/data/link", "/etc/passwd".getBytes(StandardCharsets.US_ASCII))
                                .unixMode(0120777)),
                Arguments.of("ZIP_ENCRYPTED", (Consumer<TestZip>)
                        z -> z.add("bag/data/secret.txt", x).flags(1)),
                Arguments.of("ZIP_DUPLICATE_ENTRY", (Consumer<TestZip>) z -> z.add("bag/data/hello.txt", x)),
                Arguments.of("ZIP_NAME_COLLISION_NFC", (Consumer<TestZip>) z -> {
                    z.add("bag/data/" + Normalizer.normalize("hồ sơ.txt", Normalizer.Form.NFC), x)
                            .flags(TestZip.EFS);
                    z.add("bag/data/" + Normalizer.normalize("hồ sơ.txt", Normalizer.Form.NFD), x)
                            .flags(TestZip.EFS);
                }),
                Arguments.of("ZIP_NAME_COLLISION_CASE", (Consumer<TestZip>) z -> z.add("bag/data/HELLO.txt", x)),
                Arguments.of("ZIP_NAME_TOO_LONG", (Consumer<TestZip>) z -> z.add("bag/data/" + "a".repeat(256), x)),
                Arguments.of("ZIP_NAME_NOT_UTF8", (Consumer<TestZip>) z -> {
                    byte[] name = new byte[9 + cp1258.length];
                    System.arraycopy("bag/data/".getBytes(StandardCharsets.US_ASCII), 0, name, 0, 9);
                    System.arraycopy(cp1258, 0, name, 9, cp1258.length);
                    z.add(name, x, TestZip.DEFLATED);
                }),
                Arguments.of(
                        "ZIP_HEADER_MISMATCH", (Consumer<TestZip>) z -> z.add("bag/data/two-faced.txt", x).localName =
                                "bag/data/other-name.txt".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("ZIP_TOO_MANY_ENTRIES", (Consumer<TestZip>) z -> {
                    for (int i = 0; i < 40; i++) {
                        z.add("bag/data/many/" + i + ".txt", x);
                    }
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachHostileZipIsRejectedWithItsCodeAndNothingIsStored(String code, Consumer<TestZip> hostility)
            throws IOException {
        Set<String> objects = server.storedObjects();
        long indexed = server.indexedPackages();
        TestZip zip = bag();
        hostility.accept(zip);
        JsonObject job = server.ingest(zip.write(tmp.resolve(code + ".zip")));
        assertThat(job.getString("status")).as(job.encodePrettily()).isEqualTo("REJECTED");
        assertThat(IngestApiTest.codes(job)).as(job.encodePrettily()).contains(code);
        assertThat(server.storedObjects()).isEqualTo(objects);
        assertThat(server.indexedPackages()).isEqualTo(indexed);
        assertThat(tmp.resolve("data/staging/jobs").toFile().list()).isEmpty();
        assertThat(tmp.resolve("outside.txt")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void theSameBagWithoutHostilityIsStored() throws IOException {
        JsonObject job = server.ingest(bag().write(tmp.resolve("clean.zip")));
        assertThat(job.getString("status")).as(job.encodePrettily()).isEqualTo("STORED");
    }

    static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
