package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.SignedPdfs;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.repository.signature.Openssl;
import vn.kho.repository.signature.TestPki;
import vn.kho.storage.Replica;

/**
 * Signatures over HTTP, end to end: a SIP whose METS an agency signed and whose PDF carries two signatures, through
 * the real server with the test PKI's root in its trust folder; the signatures in the API, the index, the AIP's PREMIS
 * and evidence, after an index rebuild too; the archive's signed receipt and METS.xml.p7s checked with openssl.
 */
class SignatureApiTest {
    private static final TestPki PKI = TestPki.shared();

    @TempDir
    static Path tmp;

    static KhoTestServer server;

    @BeforeAll
    static void start() {
        Path trust = PKI.writeTrustFolder(tmp.resolve("trust"));
        server = KhoTestServer.start(tmp.resolve("data"), loader -> loader.set("signatures.trust", trust.toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Path signedSip(String name, Tt05SipBuilder builder) {
        byte[] mets = builder.files().get("METS.xml");
        return builder.unreferencedFile("METS.xml.p7s", PKI.signDetached(PKI.agency(), mets))
                .writeZip(tmp.resolve(name + ".zip"));
    }

    private static byte[] read(Replica replica, PackageId id, String path) {
        try (InputStream in = replica.open(id, path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void signaturesAreVerifiedRecordedKeptWithTheirEvidenceAndSurviveAnIndexRebuild() throws Exception {
        String pdf = Tt05SipBuilder.dataPath("000.00.00.H30.2024.01.0000001.001.pdf");
        Tt05SipBuilder builder = Tt05SipBuilder.create()
                .id(UUID.randomUUID())
                .document("000.00.00.H30.2024.01.0000001.001.pdf", SignedPdfs.signedBySignerThenAgency(PKI));
        JsonObject job = server.ingest(signedSip("signed", builder));
        assertThat(job.getString("status")).as(job.encodePrettily()).isEqualTo("STORED");
        PackageId id = KhoTestServer.packageOf(job);

        JsonObject all = server.json("/api/v1/packages/" + id + "/signatures");
        JsonArray signatures = all.getJsonArray("signatures");
        assertThat(signatures).hasSize(3);
        assertThat(signatures.stream().map(JsonObject.class::cast).map(s -> s.getString("outcome")))
                .containsOnly("VALID");
        String mets = "submission/" + builder.folderName() + "/METS.xml";
        JsonObject packageSignature = signatures.stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getString("path").equals(mets))
                .findFirst()
                .orElseThrow();
        assertThat(packageSignature.getString("kind")).isEqualTo("DETACHED_CMS");
        // judged at the time the upload was received, not whenever the check ran
        assertThat(packageSignature.getString("validationTime")).isEqualTo(job.getString("received"));
        assertThat(packageSignature.getString("organisation"))
                .isEqualTo(PKI.agency().identity().organisationCode());
        JsonObject ofPdf = server.json(
                "/api/v1/packages/" + id + "/signatures?path=" + URLEncoder.encode(pdf, StandardCharsets.UTF_8));
        assertThat(ofPdf.getJsonArray("signatures")).hasSize(2);
        assertThat(server.get("/api/v1/packages/" + id + "/signatures?path=nope.pdf")
                        .statusCode())
                .isEqualTo(404);

        // the evidence is in the AIP, and PREMIS holds the signatures (a rebuild reads them back from there)
        Replica replica = server.kho().replicas().get(0);
        for (Object o : signatures) {
            for (Object path : ((JsonObject) o).getJsonArray("evidence")) {
                assertThat(read(replica, id, (String) path)).as((String) path).isNotEmpty();
            }
        }
        // the check record lists them, as data and on the printable page
        String ingest = job.getString("ingestId");
        assertThat(server.json("/api/v1/ingests/" + ingest + "/report").getJsonArray("signatures"))
                .hasSize(3);
        assertThat(server.get("/api/v1/ingests/" + ingest + "/report", "Accept", "text/html")
                        .body())
                .contains("Chữ ký số / Digital signatures")
                .contains("Nguyễn Văn An");
        String premis = new String(read(replica, id, "metadata/preservation/PREMIS.xml"), StandardCharsets.UTF_8);
        assertThat(premis).contains("premis:signatureInformation").contains("digital signature validation");
        server.kho().close();
        deleteTree(server.data().resolve("index"));
        server.restart();
        assertThat(server.json("/api/v1/packages/" + id + "/signatures")).isEqualTo(all);
    }

    @Test
    void theArchiveSignsItsMetsInEveryAipAndOpensslVerifiesIt() throws Exception {
        JsonObject job =
                server.ingest(signedSip("mets-signed", Tt05SipBuilder.create().id(UUID.randomUUID())));
        PackageId id = KhoTestServer.packageOf(job);
        Replica replica = server.kho().replicas().get(0);
        Path mets = Files.write(tmp.resolve(id + "-METS.xml"), read(replica, id, "METS.xml"));
        Path p7s = Files.write(tmp.resolve(id + "-METS.xml.p7s"), read(replica, id, "METS.xml.p7s"));
        Path ca = Files.writeString(
                tmp.resolve("archive.pem"),
                server.get("/api/v1/archive/certificate").body());

        assertThat(Openssl.verifyDetached(tmp, mets, p7s, ca).exit()).isZero();
        // the submitter's own signature stays under submission/
        assertThat(server.json("/api/v1/packages/" + id).getJsonArray("files").stream()
                        .map(JsonObject.class::cast)
                        .map(f -> f.getString("path")))
                .contains("METS.xml.p7s", "submission/urn_uuid_" + id.uuid() + "/METS.xml.p7s");
    }

    @Test
    void everyIngestGetsAReceiptSignedByTheArchiveThatOpensslVerifies() throws Exception {
        JsonObject stored =
                server.ingest(signedSip("receipt", Tt05SipBuilder.create().id(UUID.randomUUID())));
        Tt05SipBuilder broken = Tt05SipBuilder.create().id(UUID.randomUUID());
        byte[] signature = PKI.signDetached(PKI.agency(), broken.files().get("METS.xml"));
        java.util.Set<String> storedBefore = server.storedObjects();
        long indexedBefore = server.indexedPackages();
        JsonObject rejected = server.ingest(broken.title("Đã sửa sau khi ký")
                .unreferencedFile("METS.xml.p7s", signature)
                .writeZip(tmp.resolve("changed-after-signing.zip")));
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getJsonArray("findings").stream()
                        .map(JsonObject.class::cast)
                        .map(f -> f.getString("code")))
                .contains("SIGNATURE_BROKEN");
        // refused at the door: nothing reached a replica or the index
        assertThat(server.storedObjects()).isEqualTo(storedBefore);
        assertThat(server.indexedPackages()).isEqualTo(indexedBefore);
        Path ca = Files.writeString(
                tmp.resolve("archive-ca.pem"),
                server.get("/api/v1/archive/certificate").body());

        for (JsonObject job : List.of(stored, rejected)) {
            String ingest = job.getString("ingestId");
            assertThat(job.getJsonObject("links").getString("receipt")).endsWith("/ingests/" + ingest + "/receipt");
            HttpResponse<byte[]> json = server.getBytes("/api/v1/ingests/" + ingest + "/receipt");
            HttpResponse<byte[]> p7s = server.getBytes("/api/v1/ingests/" + ingest + "/receipt.p7s");
            assertThat(json.statusCode())
                    .as(new String(json.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            assertThat(p7s.headers().firstValue("Content-Type")).contains("application/pkcs7-signature");
            JsonObject receipt = new JsonObject(new String(json.body(), StandardCharsets.UTF_8));
            assertThat(receipt.getString("ingest")).isEqualTo(ingest);
            assertThat(receipt.getString("outcome")).isEqualTo(job.getString("status"));
            assertThat(receipt.getJsonObject("submittingAgency").getString("code"))
                    .isEqualTo("000.00.00.H30");
            assertThat(receipt.getJsonArray("files")).isNotEmpty();
            assertThat(receipt.getJsonArray("files").getJsonObject(0).getString("sha256"))
                    .hasSize(64);
            // served as stored: the same bytes every time
            assertThat(server.getBytes("/api/v1/ingests/" + ingest + "/receipt").body())
                    .isEqualTo(json.body());
            Path content = Files.write(tmp.resolve(ingest + ".json"), json.body());
            Path signed = Files.write(tmp.resolve(ingest + ".p7s"), p7s.body());
            assertThat(Openssl.verifyDetached(tmp, content, signed, ca).exit())
                    .as("openssl verifies the receipt of " + ingest)
                    .isZero();
            byte[] forged = json.body().clone();
            forged[forged.length / 2] ^= 1;
            Path forgedContent = Files.write(tmp.resolve(ingest + "-forged.json"), forged);
            assertThat(Openssl.verifyDetached(tmp, forgedContent, signed, ca).exit())
                    .isNotZero();
        }
        assertThat(new JsonObject(new String(
                                server.getBytes("/api/v1/ingests/" + rejected.getString("ingestId") + "/receipt")
                                        .body(),
                                StandardCharsets.UTF_8))
                        .getJsonObject("findings")
                        .getJsonArray("errorCodes"))
                .contains("SIGNATURE_BROKEN");
        assertThat(server.get("/api/v1/ingests/" + UUID.randomUUID() + "/receipt")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theArchiveCertificateIsServedAsPemAndDer() {
        HttpResponse<String> pem = server.get("/api/v1/archive/certificate");
        HttpResponse<String> der = server.get("/api/v1/archive/certificate", "Accept", "application/pkix-cert");

        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(der.headers().firstValue("Content-Type")).contains("application/pkix-cert");
        assertThat(server.kho().archiveCertificate().getSubjectX500Principal().getName())
                .contains("Kho archive signing key");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
