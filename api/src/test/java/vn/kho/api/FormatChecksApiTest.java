package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.TinyPdf;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.ingest.testkit.ValidationSamples;

/**
 * Format identification, validation, the policy and the check record over HTTP: real server, real JHOVE and veraPDF
 * in their child JVMs, real replicas and Fuseki.
 */
class FormatChecksApiTest {
    @TempDir
    static Path tmp;

    static KhoTestServer server;

    @BeforeAll
    static void start() {
        server = KhoTestServer.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            img.setRGB(x, x % 24, 0x3366cc);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    static JsonObject file(JsonObject pkg, String path) {
        for (Object o : pkg.getJsonArray("files")) {
            JsonObject f = (JsonObject) o;
            if (f.getString("path").equals(path)) {
                return f;
            }
        }
        throw new AssertionError("no file " + path + " in " + pkg.encodePrettily());
    }

    static boolean hasFinding(JsonObject job, String code, String path) {
        return job.getJsonArray("findings").stream()
                .map(JsonObject.class::cast)
                .anyMatch(f -> f.getString("code").equals(code) && (path == null || path.equals(f.getString("path"))));
    }

    @Test
    void everyFileIsIdentifiedValidatedAndRecordedInTheIndexPremisRdfAndReport() throws Exception {
        UUID uuid = UUID.randomUUID();
        String pdf = "000.00.00.H30.2024.01.0000001.001.pdf";
        Tt05SipBuilder sip = Tt05SipBuilder.create()
                .id(uuid)
                .title("Hồ sơ ảnh và văn bản")
                .document(pdf, TinyPdf.bytes("Quyết định", "Quyet dinh so 12"))
                .document("000.00.00.H30.2024.01.0000002.001.tif", image("tiff"))
                .document("000.00.00.H30.2024.01.0000003.001.jpg", image("jpeg"));
        JsonObject done = server.ingest(sip.writeZip(tmp.resolve("formats.zip")));
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        String data = "representations/rep1/data/";
        assertThat(hasFinding(done, "PDFA_NOT_CLAIMED", data + pdf))
                .as(done.encodePrettily())
                .isTrue();

        JsonObject pkg = server.json("/api/v1/packages/" + uuid);
        JsonObject pdfFile = file(pkg, data + pdf);
        assertThat(pdfFile.getJsonObject("format").getString("puid")).isEqualTo("fmt/18");
        assertThat(pdfFile.getJsonObject("format").getString("registry")).isEqualTo("PRONOM");
        assertThat(pdfFile.getJsonObject("validation").getString("status")).isEqualTo("VALID");
        assertThat(pdfFile.getJsonObject("validation").getString("tool")).contains("PDF-hul");
        JsonObject tiff = file(pkg, data + "000.00.00.H30.2024.01.0000002.001.tif");
        assertThat(tiff.getJsonObject("format").getString("puid")).isEqualTo("fmt/353");
        assertThat(tiff.getJsonObject("validation").getString("status")).isIn("VALID", "WELL_FORMED");
        JsonObject jpeg = file(pkg, data + "000.00.00.H30.2024.01.0000003.001.jpg");
        assertThat(jpeg.getJsonObject("format").getString("mediaType")).isEqualTo("image/jpeg");
        assertThat(jpeg.getJsonObject("validation").getString("tool")).contains("JPEG-hul");
        // the submitted copy carries the same characterisation
        JsonObject copy = file(pkg, "submission/" + sip.folderName() + "/" + data + pdf);
        assertThat(copy.getJsonObject("format").getString("puid")).isEqualTo("fmt/18");

        // JHOVE's report is kept as technical metadata and the METS points to it
        HttpResponse<String> jhove = server.get("/api/v1/packages/" + uuid + "/files/metadata/technical/JHOVE.xml");
        assertThat(jhove.statusCode()).isEqualTo(200);
        assertThat(jhove.body()).contains("<jhove").contains("PDF-hul").contains(pdf);
        String mets = server.get("/api/v1/packages/" + uuid + "/files/METS.xml").body();
        assertThat(mets).contains("mets:techMD").contains("metadata/technical/JHOVE.xml");

        // PREMIS: PRONOM keys and one validation event per validated file
        String premis = server.get("/api/v1/packages/" + uuid + "/files/metadata/preservation/PREMIS.xml")
                .body();
        assertThat(premis)
                .contains("<premis:formatRegistryName>PRONOM</premis:formatRegistryName>")
                .contains("<premis:formatRegistryKey>fmt/18</premis:formatRegistryKey>")
                .contains("<premis:formatRegistryKey>fmt/353</premis:formatRegistryKey>");
        JsonArray events = server.json("/api/v1/packages/" + uuid + "/events").getJsonArray("events");
        assertThat(events.stream()
                        .map(JsonObject.class::cast)
                        .filter(e -> e.getString("type").equals("validation"))
                        .map(e -> e.getString("object")))
                .contains(data + pdf, data + "000.00.00.H30.2024.01.0000002.001.tif");
        assertThat(events.stream().map(JsonObject.class::cast).map(e -> e.getString("type")))
                .contains("format identification");

        // RDF: the file conforms to its PRONOM format
        server.kho().publication().drain();
        String q = "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?f WHERE { ?file dcterms:isPartOf <urn:uuid:"
                + uuid + "> ; dcterms:conformsTo ?f }";
        HttpResponse<String> r = server.get(
                "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                "Accept",
                "application/sparql-results+json");
        assertThat(r.body())
                .contains("http://www.nationalarchives.gov.uk/pronom/fmt/18")
                .contains("http://www.nationalarchives.gov.uk/pronom/fmt/353");

        // the check record, as JSON and as a printable bilingual page
        String ingestId = done.getString("ingestId");
        JsonObject report = server.json("/api/v1/ingests/" + ingestId + "/report");
        assertThat(report.getString("outcome")).isEqualTo("ACCEPTED_WITH_WARNINGS");
        assertThat(report.getJsonObject("package").getString("id")).isEqualTo(uuid.toString());
        assertThat(report.getJsonArray("files").stream()
                        .map(JsonObject.class::cast)
                        .map(f -> f.getString("path")))
                .contains(data + pdf)
                .noneMatch(p -> p.startsWith("submission/"));
        assertThat(hasFinding(report, "PDFA_NOT_CLAIMED", data + pdf)).isTrue();
        HttpResponse<String> page =
                server.get("/api/v1/ingests/" + ingestId + "/report", "Accept", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("BIÊN BẢN KIỂM TRA")
                .contains("Ingest check record")
                .contains("PDFA_NOT_CLAIMED")
                .contains("fmt/353")
                .contains("Hồ sơ ảnh và văn bản")
                .doesNotContain("<script");
    }

    @Test
    void aDigitizedPdfaIsRecordedWithItsClaimedAndVerifiedLevelAndItsPdfaPuid() throws Exception {
        UUID uuid = UUID.randomUUID();
        String name = "000.00.00.H30.2024.01.0000001.001.pdf";
        byte[] pdfa = Files.readAllBytes(ValidationSamples.pdfA(tmp.resolve("scan-2b.pdf"), 2, "B", 2));
        JsonObject done = server.ingest(
                Tt05SipBuilder.create().id(uuid).document(name, pdfa).writeZip(tmp.resolve("pdfa.zip")));
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        assertThat(hasFinding(done, "PDFA_NOT_CLAIMED", null)).isFalse();
        assertThat(hasFinding(done, "PDFA_NOT_COMPLIANT", null))
                .as(done.encodePrettily())
                .isFalse();

        JsonObject f = file(server.json("/api/v1/packages/" + uuid), "representations/rep1/data/" + name);
        assertThat(f.getJsonObject("format").getString("puid")).isEqualTo("fmt/477");
        assertThat(f.getJsonObject("validation").getString("pdfaClaimed")).isEqualTo("2b");
        assertThat(f.getJsonObject("validation").getString("pdfaVerified")).isEqualTo("2b");
    }

    @Test
    void aBrokenPdfIsStoredWithAJhoveFindingAndTheServerGoesOn() {
        byte[] pdf = TinyPdf.bytes("Hỏng", "broken");
        String name = "000.00.00.H30.2024.01.0000001.001.pdf";
        JsonObject done = server.ingest(Tt05SipBuilder.create()
                .document(name, Arrays.copyOf(pdf, pdf.length / 2))
                .writeZip(tmp.resolve("broken-pdf.zip")));

        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        assertThat(hasFinding(done, "JHOVE_NOT_WELL_FORMED", "representations/rep1/data/" + name))
                .as(done.encodePrettily())
                .isTrue();
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void theReportOfARejectedIngestListsItsErrorsAndNoFiles() {
        JsonObject done = server.ingest(Tt05SipBuilder.create()
                .wrongChecksum(Tt05SipBuilder.dataPath("000.00.00.H30.2024.01.0000001.001.pdf"))
                .writeZip(tmp.resolve("wrong-sum.zip")));
        assertThat(done.getString("status")).isEqualTo("REJECTED");

        JsonObject report = server.json("/api/v1/ingests/" + done.getString("ingestId") + "/report");
        assertThat(report.getString("outcome")).isEqualTo("REJECTED");
        assertThat(report.getJsonObject("findingCounts").getInteger("ERROR")).isPositive();
        assertThat(report.containsKey("files")).isFalse();
        assertThat(report.containsKey("package")).isFalse();
        HttpResponse<String> page =
                server.get("/api/v1/ingests/" + done.getString("ingestId") + "/report", "Accept", "text/html");
        assertThat(page.body()).contains("Từ chối / Rejected").contains("METS_CHECKSUM_MISMATCH");
    }

    @Test
    void anUnknownIngestHasNoReport() {
        HttpResponse<String> r = server.get("/api/v1/ingests/" + UUID.randomUUID() + "/report");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("INGEST_NOT_FOUND");
    }
}
