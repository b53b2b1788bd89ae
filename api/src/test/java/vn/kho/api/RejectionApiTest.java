package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.BagBuilder;
import vn.kho.ingest.testkit.Tt05SipBuilder;

/**
 * Bad input over HTTP: each is refused with a coded finding or error, and afterwards no replica, no index entry and no
 * staging file has changed. (The zip unpacker's own tests cover every hostile-zip rule byte by byte; these show the
 * same rules hold end to end.)
 */
class RejectionApiTest {
    @TempDir
    static Path tmp;

    static KhoTestServer server;
    private Set<String> objectsBefore;
    private long indexedBefore;

    @BeforeAll
    static void start() {
        server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("ingest.maxUploadBytes", "2MB")
                .set("ingest.maxCompressionRatio", "50"));
        // One package stored beforehand, so "nothing changed" is checked against a non-empty archive.
        assertThat(server.ingest(Tt05SipBuilder.create().writeZip(tmp.resolve("first.zip")))
                        .getString("status"))
                .isEqualTo("STORED");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void remember() {
        objectsBefore = server.storedObjects();
        indexedBefore = server.indexedPackages();
    }

    @AfterEach
    void nothingWasStored() throws IOException {
        assertThat(server.storedObjects()).as("replicas unchanged").isEqualTo(objectsBefore);
        assertThat(server.indexedPackages()).as("index unchanged").isEqualTo(indexedBefore);
        try (var jobs = Files.list(server.data().resolve("staging/jobs"))) {
            assertThat(jobs).as("no staging left behind").isEmpty();
        }
    }

    private JsonObject rejected(Path zip, String code) {
        JsonObject job = server.ingest(zip);
        assertThat(job.getString("status")).as(job.encodePrettily()).isEqualTo("REJECTED");
        assertThat(IngestApiTest.codes(job)).as(job.encodePrettily()).contains(code);
        return job;
    }

    @Test
    void rejectsSipWhoseMetsChecksumDisagreesWithTheFile() {
        rejected(
                Tt05SipBuilder.create()
                        .document("a.pdf", "A".getBytes(StandardCharsets.UTF_8))
                        .wrongChecksum(Tt05SipBuilder.dataPath("a.pdf"))
                        .writeZip(tmp.resolve("checksum.zip")),
                "METS_CHECKSUM_MISMATCH");
    }

    @Test
    void rejectsSipWithAFileNoMetsReferences() {
        rejected(
                Tt05SipBuilder.create()
                        .unreferencedFile("representations/rep1/data/extra.pdf", new byte[] {1, 2})
                        .writeZip(tmp.resolve("extra.zip")),
                "METS_FILE_UNREFERENCED");
    }

    @Test
    void rejectsSipMissingAFileItsMetsLists() {
        rejected(
                Tt05SipBuilder.create()
                        .document("a.pdf", new byte[] {1})
                        .missingFile(Tt05SipBuilder.dataPath("a.pdf"))
                        .writeZip(tmp.resolve("missing.zip")),
                "METS_FILE_MISSING");
    }

    @Test
    void rejectsMalformedMets() {
        rejected(Tt05SipBuilder.create().malformedMets().writeZip(tmp.resolve("malformed.zip")), "METS_XML_MALFORMED");
    }

    @Test
    void rejectsMetsWithADoctypeOrExternalEntity() {
        rejected(Tt05SipBuilder.create().metsWithDoctype().writeZip(tmp.resolve("xxe.zip")), "METS_XML_DOCTYPE");
    }

    @Test
    void rejectsBagWhoseManifestChecksumIsWrong() throws IOException {
        Path dir = BagBuilder.create().payload("a.txt", "a").writeDirectory(tmp.resolve("badsum"));
        Path manifest = dir.resolve("manifest-sha256.txt");
        String text = Files.readString(manifest);
        Files.writeString(manifest, "0".repeat(64) + text.substring(64));
        rejected(vn.kho.ingest.testkit.BagZipper.zip(dir, tmp.resolve("badsum.zip"), true), "BAGIT_CHECKSUM_MISMATCH");
    }

    @Test
    void rejectsBagWithAFileNotInItsManifest() throws IOException {
        Path dir = BagBuilder.create().payload("a.txt", "a").writeDirectory(tmp.resolve("extrafile"));
        Files.writeString(dir.resolve("data/stowaway.txt"), "not listed");
        rejected(
                vn.kho.ingest.testkit.BagZipper.zip(dir, tmp.resolve("extrafile.zip"), true),
                "BAGIT_FILE_NOT_IN_MANIFEST");
    }

    @Test
    void rejectsIncompleteBagWithoutFetchingAnything() throws IOException {
        Path dir = BagBuilder.create()
                .payload("a.txt", "a")
                .payload("b.txt", "b")
                .fetch("http://192.0.2.1/b.txt", "data/b.txt")
                .writeDirectory(tmp.resolve("holey"));
        Files.delete(dir.resolve("data/b.txt"));
        rejected(vn.kho.ingest.testkit.BagZipper.zip(dir, tmp.resolve("holey.zip"), true), "BAGIT_INCOMPLETE");
    }

    @Test
    void rejectsZipEntriesThatEscapeThePackage() throws IOException {
        rejected(
                zip("escape.zip", Map.of("../outside.txt", "x", "bagit.txt", "BagIt-Version: 1.0\n")),
                "ZIP_PATH_ESCAPE");
        rejected(zip("absolute.zip", Map.of("/etc/cron.d/x", "x")), "ZIP_PATH_ESCAPE");
        assertThat(tmp.resolve("data/staging/outside.txt")).doesNotExist();
    }

    @Test
    void rejectsAZipBomb() throws IOException {
        Path bomb = tmp.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("bag/data/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        rejected(bomb, "ZIP_BOMB");
    }

    @Test
    void rejectsSomethingThatIsNotAZipAndATruncatedZip() throws IOException {
        rejected(
                Files.write(tmp.resolve("notzip.zip"), "this is not a zip".getBytes(StandardCharsets.UTF_8)),
                "ZIP_UNREADABLE");
        byte[] whole = Files.readAllBytes(Tt05SipBuilder.create().writeZip(tmp.resolve("whole.zip")));
        rejected(Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(whole, whole.length / 2)), "ZIP_UNREADABLE");
    }

    @Test
    void rejectsAZipThatIsNeitherABagNorATt05Sip() throws IOException {
        JsonObject job = rejected(zip("random.zip", Map.of("photos/a.jpg", "jpeg?")), "PACKAGE_FORMAT_UNKNOWN");
        assertThat(job.encode()).contains("BagIt").contains("TT05");
    }

    @Test
    void refusesAnUploadOverTheSizeLimitWith413() throws IOException {
        Path big = tmp.resolve("big.zip");
        Files.write(big, new byte[3 << 20]);
        HttpResponse<String> r = server.post(big, Map.of());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("UPLOAD_TOO_LARGE");
        assertThat(server.kho().ingests().list(null, 1000)).noneMatch(j -> j.uploadSize() == 3 << 20);
    }

    @Test
    void refusesAChunkedUploadThatGrowsPastTheLimit() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.kho().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/ingests HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 16];
            String response = null;
            try {
                for (int i = 0; i < 64; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedByServer) {
                // the server answers and closes as soon as the limit is crossed
            }
            response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413").contains("UPLOAD_TOO_LARGE");
        }
    }

    @Test
    void refusesAnUploadWhoseContentDigestDoesNotMatch() {
        Path zip = Tt05SipBuilder.create().writeZip(tmp.resolve("digest.zip"));
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);
        HttpResponse<String> r = server.post(zip, Map.of("Content-Digest", "sha-256=:" + wrong + ":"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("UPLOAD_DIGEST_MISMATCH");
        HttpResponse<String> malformed = server.post(zip, Map.of("Content-Digest", "sha-256=nonsense"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("UPLOAD_DIGEST_MALFORMED");
    }

    @Test
    void refusesAnUploadThatIsNotSentAsAZip() throws IOException {
        Path zip = Tt05SipBuilder.create().writeZip(tmp.resolve("type.zip"));
        HttpResponse<String> r = server.post(zip, Map.of("Content-Type", "multipart/form-data; boundary=x"));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("UPLOAD_UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aTruncatedUploadIsDiscardedAndNeverBecomesAnIngest() throws Exception {
        int before = server.kho().ingests().list(null, 10_000).size();
        byte[] zip = Files.readAllBytes(Tt05SipBuilder.create().writeZip(tmp.resolve("trunc.zip")));
        try (Socket s = new Socket("127.0.0.1", server.kho().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/ingests HTTP/1.1\r\nHost: x\r\nContent-Type: application/zip\r\nContent-Length: "
                            + zip.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(zip, 0, zip.length / 2);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).doesNotContain("202 Accepted");
        }
        // a later request is served after the broken one was handled
        assertThat(server.json("/health").getString("status")).isEqualTo("UP");
        assertThat(server.kho().ingests().list(null, 10_000)).hasSize(before);
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = tmp.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String n : List.copyOf(new java.util.TreeSet<>(entries.keySet()))) {
                out.putNextEntry(new ZipEntry(n));
                out.write(entries.get(n).getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
