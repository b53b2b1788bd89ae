package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.job.IngestJob;
import vn.kho.ingest.job.IngestStatus;
import vn.kho.ingest.rocksdb.RocksIngestJournal;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.storage.Replica;
import vn.kho.storage.ocfl.FilesystemReplica;

/** What survives a restart, what is rebuilt, and what a crash leaves behind. */
class RecoveryApiTest {
    @TempDir
    Path tmp;

    @Test
    void theIndexIsRebuiltFromTheReplicasWhenItIsMissing() throws IOException {
        Path data = tmp.resolve("data");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        JsonObject before;
        try (KhoTestServer server = KhoTestServer.start(data)) {
            server.ingest(Tt05SipBuilder.create().id(a).title("Hồ sơ A").writeZip(tmp.resolve("a.zip")));
            server.ingest(
                    Tt05SipBuilder.create().id(b).title("Hồ sơ B").mode("02").writeZip(tmp.resolve("b.zip")));
            before = server.json("/api/v1/packages/" + a);
        }
        deleteTree(data.resolve("index"));
        try (KhoTestServer server = KhoTestServer.start(data)) {
            JsonObject after = server.json("/api/v1/packages/" + a);
            assertThat(after.getJsonObject("metadata")).isEqualTo(before.getJsonObject("metadata"));
            assertThat(IngestApiTest.paths(after.getJsonArray("files")))
                    .containsExactlyInAnyOrderElementsOf(IngestApiTest.paths(before.getJsonArray("files")));
            assertThat(server.json("/api/v1/packages/" + a + "/events").getJsonArray("events"))
                    .isEqualTo(server.json("/api/v1/packages/" + a + "/events").getJsonArray("events"));
            assertThat(server.get("/api/v1/packages/" + b).statusCode())
                    .as("access regime rebuilt too")
                    .isEqualTo(403);
            assertThat(server.indexedPackages()).isEqualTo(2);
            var copies = server.kho().index().files(new PackageId(a)).get(0).copies();
            assertThat(copies).extracting(c -> c.replicaId()).containsExactly("a", "b");
            assertThat(copies).allSatisfy(c -> assertThat(c.lastVerified())
                    .as("never verified since rebuild")
                    .isNull());
        }
    }

    @Test
    void theGraphStoreIsRepublishedWhenItIsMissing() throws IOException {
        Path data = tmp.resolve("data");
        UUID a = UUID.randomUUID();
        try (KhoTestServer server = KhoTestServer.start(data)) {
            server.ingest(Tt05SipBuilder.create().id(a).title("Đồ thị " + a).writeZip(tmp.resolve("a.zip")));
        }
        deleteTree(data.resolve("rdf"));
        try (KhoTestServer server = KhoTestServer.start(data)) {
            server.kho().publication().drain();
            String q = "ASK { <urn:uuid:" + a + "> ?p ?o }";
            assertThat(server.get("/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                            .body())
                    .contains("true");
        }
    }

    @Test
    void ingestCompletesWhileFusekiIsDownAndTheGraphIsPublishedWhenItComesBack() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/kho";
        UUID a = UUID.randomUUID();
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("fuseki.url", url))) {
            JsonObject job = server.ingest(Tt05SipBuilder.create().id(a).writeZip(tmp.resolve("a.zip")));
            assertThat(job.getString("status")).isEqualTo("STORED");
            JsonObject health = server.json("/health");
            assertThat(health.getString("status")).isEqualTo("DEGRADED");
            assertThat(health.getJsonObject("fuseki").getString("status")).isEqualTo("DOWN");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> server.kho().publication().drain())
                    .as("Fuseki is unreachable");
            assertThat(server.kho().journal().pendingGraphs(10))
                    .as("the graph waits in the outbox")
                    .containsKey(new PackageId(a));

            var dataset = DatasetGraphFactory.createTxnMem();
            FusekiServer fuseki = FusekiServer.create()
                    .loopback(true)
                    .port(port)
                    .add("/kho", dataset)
                    .build()
                    .start();
            try {
                assertThat(server.kho().publication().drain()).isZero();
                assertThat(server.json("/health").getString("status")).isEqualTo("UP");
                String q = "ASK { GRAPH <urn:uuid:" + a + "> { ?s ?p ?o } }";
                assertThat(server.get("/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                                .body())
                        .contains("true");
            } finally {
                fuseki.stop();
            }
        }
    }

    /**
     * The state a crash during STORING leaves: the job journaled as STORING, its upload in staging, and a complete
     * object on one replica only (each replica's put is atomic, so partial objects cannot exist). At start the object
     * is rolled back everywhere before anything is served, then the ingest runs again and stores the package.
     */
    @Test
    void anIngestInterruptedWhileStoringIsRolledBackAndFinishedAtStart() throws IOException {
        Path data = tmp.resolve("data");
        UUID pkg = UUID.randomUUID();
        Path zip = Tt05SipBuilder.create().id(pkg).writeZip(tmp.resolve("crash.zip"));
        Path staleObjectSource;
        try (KhoTestServer server = KhoTestServer.start(data)) {
            // a different package stands in for the half-finished store: copy its object under the new id's place
            server.ingest(Tt05SipBuilder.create().id(pkg).writeZip(tmp.resolve("same-id.zip")));
            staleObjectSource = ((FilesystemReplica) server.kho().replicas().get(0)).objectDir(new PackageId(pkg));
        }
        // Turn the stored package back into "interrupted": only replica a holds it, the index has nothing, and the
        // journal says a new job was STORING it.
        Path onB = data.resolve("replicas/b").resolve(data.resolve("replicas/a").relativize(staleObjectSource));
        deleteTree(onB);
        deleteTree(data.resolve("index"));
        UUID job = UUID.randomUUID();
        Path jobDir = Files.createDirectories(data.resolve("staging/jobs/" + job));
        Files.copy(zip, jobDir.resolve("upload.zip"));
        try (RocksIngestJournal journal = new RocksIngestJournal(data.resolve("journal"))) {
            for (IngestJob j : journal.list(null, 100)) {
                journal.put(j.withStatus(IngestStatus.FAILED, Instant.now()));
                journal.release(new PackageId(pkg), j.id());
            }
            IngestJob storing = IngestJob.received(job, Instant.now(), sha256(zip), Files.size(zip))
                    .withPackage(new PackageId(pkg), Instant.now())
                    .withStatus(IngestStatus.STORING, Instant.now());
            journal.put(storing);
            assertThat(journal.claim(new PackageId(pkg), job)).isEmpty();
        }

        try (KhoTestServer server = KhoTestServer.start(data)) {
            JsonObject done = server.awaitFinal(job.toString());
            assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
            for (Replica r : server.kho().replicas()) {
                assertThat(r.contains(new PackageId(pkg))).isTrue();
                OcflValidation.assertValid(((FilesystemReplica) r).root(), new PackageId(pkg));
            }
            assertThat(server.json("/api/v1/packages/" + pkg).getJsonArray("files"))
                    .isNotEmpty();
            assertThat(server.kho().index().files(new PackageId(pkg)))
                    .allSatisfy(f -> assertThat(f.copies()).hasSize(2));
        }
    }

    /**
     * Kho journals a job and starts checking while the upload is still being fsynced, and acknowledges only after the
     * fsync. A crash in between leaves a journaled job whose upload is not what was received: at start it fails with
     * UPLOAD_NOT_DURABLE (the client never got a 202) and nothing is stored.
     */
    @Test
    void anUploadThatWasNotYetDurableWhenKhoStoppedFailsTheJobAtStart() throws IOException {
        Path data = tmp.resolve("data");
        Path zip = Tt05SipBuilder.create().writeZip(tmp.resolve("torn.zip"));
        try (KhoTestServer server = KhoTestServer.start(data)) {
            assertThat(server.storedObjects()).isEmpty();
        }
        UUID job = UUID.randomUUID();
        Path jobDir = Files.createDirectories(data.resolve("staging/jobs/" + job));
        byte[] bytes = Files.readAllBytes(zip);
        String digest = sha256(zip);
        bytes[bytes.length / 3] ^= 1; // what a torn write can leave
        Files.write(jobDir.resolve("upload.zip"), bytes);
        try (RocksIngestJournal journal = new RocksIngestJournal(data.resolve("journal"))) {
            journal.put(IngestJob.received(job, Instant.now(), digest, bytes.length));
        }
        try (KhoTestServer server = KhoTestServer.start(data)) {
            JsonObject done = server.awaitFinal(job.toString());
            assertThat(done.getString("status")).isEqualTo("FAILED");
            assertThat(IngestApiTest.codes(done)).containsExactly("UPLOAD_NOT_DURABLE");
            assertThat(server.storedObjects()).isEmpty();
            assertThat(jobDir).doesNotExist();
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acknowledgedIngestsAndRejectionsSurviveARestart() {
        Path data = tmp.resolve("data");
        String stored;
        String rejected;
        try (KhoTestServer server = KhoTestServer.start(data)) {
            stored = server.ingest(Tt05SipBuilder.create().writeZip(tmp.resolve("ok.zip")))
                    .getString("ingestId");
            rejected = server.ingest(Tt05SipBuilder.create().malformedMets().writeZip(tmp.resolve("bad.zip")))
                    .getString("ingestId");
        }
        try (KhoTestServer server = KhoTestServer.start(data)) {
            assertThat(server.json("/api/v1/ingests/" + stored).getString("status"))
                    .isEqualTo("STORED");
            JsonObject r = server.json("/api/v1/ingests/" + rejected);
            assertThat(r.getString("status")).isEqualTo("REJECTED");
            assertThat(IngestApiTest.codes(r)).contains("METS_XML_MALFORMED");
            List<String> ids = server.json("/api/v1/ingests").getJsonArray("items").stream()
                    .map(i -> ((JsonObject) i).getString("ingestId"))
                    .toList();
            assertThat(ids).contains(stored, rejected);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
