package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.BagBuilder;
import vn.kho.ingest.testkit.TinyPdf;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.storage.EventLogIds;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.FilesystemReplica;

/** The spine end to end over HTTP: real server, real replicas, real RocksDB, embedded Fuseki. */
class IngestApiTest {
    @TempDir
    static Path tmp;

    static KhoTestServer server;

    @BeforeAll
    static void start() {
        server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("download.verifyBeforeSendBytes", "64KB"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void storesATt05SipOnEveryReplicaAndServesItsMetadataFilesAndEvents() throws Exception {
        UUID uuid = UUID.randomUUID();
        byte[] pdf = TinyPdf.bytes("Quyet dinh", "Quyet dinh so 12/QD-SNV");
        Tt05SipBuilder sip = Tt05SipBuilder.create()
                .id(uuid)
                .title("Hồ sơ tổng kết năm 2024")
                .fileCode("000.00.00.H30.2024.01")
                .document("quyet-dinh.pdf", pdf);
        Path zip = sip.writeZip(tmp.resolve("sip-" + uuid + ".zip"));
        String digest = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip)));

        HttpResponse<String> accepted = server.post(zip, Map.of("Content-Digest", "sha-256=:" + digest + ":"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonObject ingest = new JsonObject(accepted.body());
        assertThat(accepted.headers().firstValue("Location"))
                .contains("/api/v1/ingests/" + ingest.getString("ingestId"));
        assertThat(ingest.getString("status")).isIn("RECEIVED", "CHECKING", "STORING", "STORED");

        JsonObject done = server.awaitFinal(ingest.getString("ingestId"));
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        assertThat(done.getString("packageId")).isEqualTo(uuid.toString());

        JsonObject pkg = server.json("/api/v1/packages/" + uuid);
        assertThat(pkg.getString("state")).isEqualTo("ACTIVE");
        assertThat(pkg.getString("format")).isEqualTo("TT05_SIP");
        assertThat(pkg.getInteger("version")).isEqualTo(1);
        assertThat(pkg.getJsonObject("metadata").getString("title")).isEqualTo("Hồ sơ tổng kết năm 2024");
        assertThat(pkg.getJsonObject("metadata").getString("identifier")).isEqualTo("000.00.00.H30.2024.01");
        assertThat(pkg.getJsonObject("metadata").getString("accessCode")).isEqualTo("01");
        List<String> paths = paths(pkg.getJsonArray("files"));
        String folder = sip.folderName();
        assertThat(paths)
                .contains(
                        "METS.xml",
                        "metadata/preservation/PREMIS.xml",
                        "metadata/descriptive/EAD.xml",
                        "representations/rep1/METS.xml",
                        "representations/rep1/data/quyet-dinh.pdf",
                        "submission/" + folder + "/METS.xml",
                        "submission/" + folder + "/representations/rep1/data/quyet-dinh.pdf");
        for (Object f : pkg.getJsonArray("files")) {
            JsonArray copies = ((JsonObject) f).getJsonArray("replicas");
            assertThat(copies).hasSize(2);
            copies.forEach(
                    c -> assertThat(((JsonObject) c).getString("outcome")).isEqualTo("OK"));
        }

        HttpResponse<byte[]> file =
                server.getBytes("/api/v1/packages/" + uuid + "/files/representations/rep1/data/quyet-dinh.pdf");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Repr-Digest"))
                .contains("sha-256=:"
                        + Base64.getEncoder()
                                .encodeToString(
                                        MessageDigest.getInstance("SHA-256").digest(pdf)) + ":");
        assertThat(file.headers().firstValue("Content-Type")).contains("application/pdf");

        String urn = URLEncoder.encode("urn:uuid:" + uuid, StandardCharsets.UTF_8);
        assertThat(server.json("/api/v1/packages/" + urn).getString("id")).isEqualTo(uuid.toString());

        JsonArray events = server.json("/api/v1/packages/" + uuid + "/events").getJsonArray("events");
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")))
                .contains(
                        "ingestion start",
                        "message digest calculation",
                        "fixity check",
                        "validation",
                        "information package creation");
        HttpResponse<String> premis = server.get("/api/v1/packages/" + uuid + "/events", "Accept", "application/xml");
        assertThat(premis.statusCode()).isEqualTo(200);
        assertThat(premis.body()).contains("http://www.loc.gov/premis/v3").contains("information package creation");

        for (Replica r : server.kho().replicas()) {
            OcflValidation.assertValid(((FilesystemReplica) r).root(), new PackageId(uuid));
        }
        Path jobs = server.data().resolve("staging/jobs");
        assertThat(Files.list(jobs)).as("staging is cleaned once stored").isEmpty();
    }

    @Test
    void theSubmittedPackageIsKeptByteForByteUnderSubmission() throws Exception {
        Tt05SipBuilder sip = Tt05SipBuilder.create().document("a.pdf", TinyPdf.bytes("A", "A"));
        Path zip = sip.writeZip(tmp.resolve("sip-bytes.zip"));
        JsonObject done = server.ingest(zip);
        assertThat(done.getString("status")).isEqualTo("STORED");
        for (Map.Entry<String, byte[]> e : sip.files().entrySet()) {
            HttpResponse<byte[]> r = server.getBytes("/api/v1/packages/" + done.getString("packageId")
                    + "/files/submission/" + sip.folderName() + "/" + e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.body()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void storesABagUnderANewUuidWithItsBagInfoAsDescriptiveMetadata() throws Exception {
        Path zip = BagBuilder.create()
                .payload("ảnh/chân dung.jpg", random(5000, 1))
                .payload("notes.txt", "ghi chú")
                .info("External-Identifier", "BAG-2024-001")
                .info("Title", "Ảnh tư liệu")
                .writeZip(tmp.resolve("bag.zip"), true);
        JsonObject done = server.ingest(zip);
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        JsonObject pkg = server.json("/api/v1/packages/" + done.getString("packageId"));
        assertThat(pkg.getString("format")).isEqualTo("BAGIT");
        assertThat(pkg.getJsonObject("metadata").getString("title")).isEqualTo("Ảnh tư liệu");
        assertThat(pkg.getJsonObject("metadata").getString("identifier")).isEqualTo("BAG-2024-001");
        assertThat(paths(pkg.getJsonArray("files")))
                .contains("representations/rep1/data/ảnh/chân dung.jpg", "metadata/descriptive/bag-info.txt");
        HttpResponse<byte[]> file = server.getBytes("/api/v1/packages/" + done.getString("packageId")
                + "/files/representations/rep1/data/" + URLEncoder.encode("ảnh", StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode("chân dung.jpg", StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(random(5000, 1));
    }

    @Test
    void anUploadLargerThanTheBackgroundForceIntervalIsStoredWholeOnIndependentReplicas() throws Exception {
        byte[] big = random(40 << 20, 11);
        Path zip = BagBuilder.create()
                .payload("big.bin", big)
                .payload("small.txt", "nhỏ")
                .writeZip(tmp.resolve("big.zip"), true);
        JsonObject done = server.ingest(zip);
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        String id = done.getString("packageId");

        HttpResponse<byte[]> file =
                server.getBytes("/api/v1/packages/" + id + "/files/representations/rep1/data/big.bin");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body())).isEqualTo(sha256(big));
        // one replica may have taken staging's files by hard link; the two replicas never share a file
        PackageId pkg = new PackageId(UUID.fromString(id));
        List<Replica> replicas = server.kho().replicas();
        for (String path : List.of("representations/rep1/data/big.bin", "submission/bag/data/big.bin")) {
            Path inA = replicas.get(0).localPath(pkg, path).orElseThrow();
            Path inB = replicas.get(1).localPath(pkg, path).orElseThrow();
            assertThat(Files.isSameFile(inA, inB)).as(path).isFalse();
            assertThat(Files.size(inB)).isEqualTo(big.length);
        }
    }

    @Test
    void publishedGraphsAnswerSparqlAndUpdatesAreRefused() throws Exception {
        UUID uuid = UUID.randomUUID();
        JsonObject done = server.ingest(
                Tt05SipBuilder.create().id(uuid).title("Hồ sơ SPARQL " + uuid).writeZip(tmp.resolve("sparql.zip")));
        assertThat(done.getString("status")).isEqualTo("STORED");
        server.kho().publication().drain();
        String q = "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?title WHERE { <urn:uuid:" + uuid
                + "> dcterms:title ?title }";
        HttpResponse<String> r = server.get(
                "/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                "Accept",
                "application/sparql-results+json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/sparql-results+json");
        assertThat(r.body()).contains("Hồ sơ SPARQL " + uuid);

        HttpResponse<String> post = server.send(
                HttpRequest.newBuilder(server.uri("/sparql"))
                        .header("Content-Type", "application/sparql-query")
                        .POST(HttpRequest.BodyPublishers.ofString(q))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("Hồ sơ SPARQL " + uuid);

        HttpResponse<String> update = server.send(
                HttpRequest.newBuilder(server.uri("/sparql"))
                        .header("Content-Type", "application/sparql-update")
                        .POST(HttpRequest.BodyPublishers.ofString("DROP ALL"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(update.body()).contains("SPARQL_UPDATE_REFUSED");
        HttpResponse<String> asQuery =
                server.get("/sparql?query=" + URLEncoder.encode("DROP ALL", StandardCharsets.UTF_8));
        assertThat(asQuery.statusCode()).isEqualTo(400);
        assertThat(asQuery.body()).contains("SPARQL_UPDATE_REFUSED");
    }

    @Test
    void packagesUnderConditionalOrClassifiedAccessAreStoredButNeitherServedNorPublished() {
        UUID uuid = UUID.randomUUID();
        JsonObject done = server.ingest(Tt05SipBuilder.create()
                .id(uuid)
                .mode("03")
                .title("Hồ sơ mật " + uuid)
                .writeZip(tmp.resolve("mat.zip")));
        assertThat(done.getString("status")).isEqualTo("STORED");
        assertThat(server.kho().index().get(new PackageId(uuid))).isPresent();
        HttpResponse<String> r = server.get("/api/v1/packages/" + uuid);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("ACCESS_RESTRICTED").doesNotContain("Hồ sơ mật");
        assertThat(server.get("/api/v1/packages/" + uuid + "/files/METS.xml").statusCode())
                .isEqualTo(403);
        assertThat(server.get("/api/v1/packages/" + uuid + "/events").statusCode())
                .isEqualTo(403);
        assertThat(allListedIds()).doesNotContain(uuid.toString());
        server.kho().publication().drain();
        String q = "ASK { GRAPH ?g { <urn:uuid:" + uuid + "> ?p ?o } }";
        HttpResponse<String> ask = server.get("/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertThat(ask.body()).contains("false");
    }

    @Test
    void aSipClaimingAnEventLogObjectsIdIsRejectedAndTheEventLogIsLeftAlone() {
        PackageId month = EventLogIds.of(YearMonth.of(2026, 11));
        JsonObject done = server.ingest(
                Tt05SipBuilder.create().id(month.uuid()).title("giả").writeZip(tmp.resolve("claims-log.zip")));
        assertThat(done.getString("status")).isEqualTo("REJECTED");
        assertThat(codes(done)).contains("PACKAGE_ID_RESERVED");
        assertThat(server.kho().index().get(month)).isEmpty();
    }

    @Test
    void aSecondSipWithAStoredObjidIsRejectedNamingTheStoredPackage() {
        UUID uuid = UUID.randomUUID();
        assertThat(server.ingest(Tt05SipBuilder.create().id(uuid).title("một").writeZip(tmp.resolve("first.zip")))
                        .getString("status"))
                .isEqualTo("STORED");
        var before = server.storedObjects();
        JsonObject second =
                server.ingest(Tt05SipBuilder.create().id(uuid).title("hai").writeZip(tmp.resolve("second.zip")));
        assertThat(second.getString("status")).isEqualTo("REJECTED");
        assertThat(codes(second)).contains("PACKAGE_ALREADY_STORED");
        assertThat(second.encode()).contains("urn:uuid:" + uuid);
        assertThat(server.storedObjects()).isEqualTo(before);
        assertThat(server.json("/api/v1/packages/" + uuid)
                        .getJsonObject("metadata")
                        .getString("title"))
                .isEqualTo("một");
    }

    @Test
    void anIdenticalUploadRetriedReturnsTheFirstIngest() {
        Path zip = Tt05SipBuilder.create().writeZip(tmp.resolve("retry.zip"));
        JsonObject first = server.ingest(zip);
        HttpResponse<String> again = server.post(zip, Map.of());
        assertThat(again.statusCode()).isEqualTo(200);
        JsonObject second = new JsonObject(again.body());
        assertThat(second.getString("ingestId")).isEqualTo(first.getString("ingestId"));
        assertThat(second.getBoolean("duplicate")).isTrue();
    }

    @Test
    void aDamagedCopyIsSkippedForAGoodOneAndFlaggedInTheIndex() throws Exception {
        byte[] small = random(10_000, 7);
        byte[] large = random(300_000, 8);
        UUID uuid = UUID.randomUUID();
        server.ingest(Tt05SipBuilder.create()
                .id(uuid)
                .document("small.pdf", small)
                .document("large.pdf", large)
                .writeZip(tmp.resolve("damage.zip")));
        PackageId id = new PackageId(uuid);
        corruptOnFirstReplica(id, "representations/rep1/data/small.pdf");
        HttpResponse<byte[]> r =
                server.getBytes("/api/v1/packages/" + uuid + "/files/representations/rep1/data/small.pdf");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(small);
        assertThat(r.headers().firstValue("X-Kho-Replica")).contains("b");
        assertThat(outcome(id, "representations/rep1/data/small.pdf", "a")).isEqualTo("MISMATCH");

        corruptOnFirstReplica(id, "representations/rep1/data/large.pdf");
        String url = "/api/v1/packages/" + uuid + "/files/representations/rep1/data/large.pdf";
        assertThatThrownBy(() -> {
                    HttpResponse<byte[]> bad = server.getBytes(url);
                    // a body that arrived complete would have to be the right one
                    assertThat(bad.body()).isEqualTo(large);
                    throw new IOException("the damaged copy was streamed whole");
                })
                .isInstanceOf(Exception.class);
        assertThat(outcome(id, "representations/rep1/data/large.pdf", "a")).isEqualTo("MISMATCH");
        HttpResponse<byte[]> good = server.getBytes(url);
        assertThat(good.body()).isEqualTo(large);
        assertThat(good.headers().firstValue("X-Kho-Replica")).contains("b");
    }

    @Test
    void healthReportsEachReplicaTheIndexAndFuseki() {
        JsonObject h = server.json("/health");
        assertThat(h.getString("status")).isEqualTo("UP");
        assertThat(h.getJsonArray("replicas")).hasSize(2);
        assertThat(h.getJsonObject("index").getString("status")).isEqualTo("UP");
        assertThat(h.getJsonObject("fuseki").getString("status")).isEqualTo("UP");
    }

    @Test
    void unknownPackagesFilesAndRoutesAnswerWithCodedErrors() {
        HttpResponse<String> pkg = server.get("/api/v1/packages/" + UUID.randomUUID());
        assertThat(pkg.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(pkg.body()).getJsonObject("error").getString("code"))
                .isEqualTo("PACKAGE_NOT_FOUND");
        assertThat(server.get("/api/v1/packages/not-a-uuid").body()).contains("PACKAGE_ID_INVALID");
        assertThat(server.get("/api/v1/nothing-here").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/ingests/" + UUID.randomUUID()).body()).contains("INGEST_NOT_FOUND");
    }

    private void corruptOnFirstReplica(PackageId id, String path) throws IOException {
        FilesystemReplica a = (FilesystemReplica) server.kho().replicas().get(0);
        Path file = a.localPath(id, path).orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
    }

    private String outcome(PackageId id, String path, String replica) {
        return server.kho().index().file(id, path).orElseThrow().copies().stream()
                .filter(c -> c.replicaId().equals(replica))
                .findFirst()
                .orElseThrow()
                .outcome();
    }

    private List<String> allListedIds() {
        List<String> ids = new java.util.ArrayList<>();
        String next = "/api/v1/packages?limit=2";
        while (next != null) {
            JsonObject page = server.json(next);
            page.getJsonArray("items").forEach(i -> ids.add(((JsonObject) i).getString("id")));
            next = page.getJsonObject("links").getString("next");
        }
        return ids;
    }

    static List<String> paths(JsonArray files) {
        return files.stream().map(f -> ((JsonObject) f).getString("path")).toList();
    }

    static List<String> codes(JsonObject ingest) {
        return ingest.getJsonArray("findings").stream()
                .map(f -> ((JsonObject) f).getString("code"))
                .toList();
    }
}
