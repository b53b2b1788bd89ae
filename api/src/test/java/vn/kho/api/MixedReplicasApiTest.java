package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.storage.Replica;
import vn.kho.storage.fedora.FedoraServer;
import vn.kho.storage.s3.S3ProxyServer;
import vn.kho.storage.s3.S3Replica;

/**
 * Kho over HTTP with replicas of all three kinds at once: a filesystem, a bucket of a real S3 server (S3Proxy, in its
 * own JVM) and a container of a real Fedora 6.0 (in Tomcat 9, in its own JVM). Damage is done behind Kho's back: in
 * the S3 server's backing files, and through Fedora's own REST API.
 */
class MixedReplicasApiTest {
    private static final byte[] DOCUMENT = "Công văn số 12/UBND về việc lưu trữ hồ sơ".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path servers;

    static S3ProxyServer s3;
    static FedoraServer fedora;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startServers() {
        s3 = S3ProxyServer.start(servers.resolve("s3"));
        fedora = FedoraServer.start(servers.resolve("fedora"));
    }

    @AfterAll
    static void stopServers() {
        if (fedora != null) {
            fedora.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private record Setup(Path config, String bucket, String container) {}

    /** Replicas a (filesystem), s3 and fedora, in a fresh bucket and container; quorum as given. */
    private Setup setup(int quorum, String... kinds) throws IOException {
        String bucket = "kho-" + UUID.randomUUID();
        s3.createBucket(bucket);
        String container = "kho-api/" + UUID.randomUUID();
        StringBuilder replicas = new StringBuilder();
        for (String kind : kinds) {
            replicas.append(replicas.isEmpty() ? "" : ", ")
                    .append(
                            switch (kind) {
                                case "s3" ->
                                    "{\"id\": \"s3\", \"s3\": {\"endpoint\": \"" + s3.endpoint()
                                            + "\", \"region\": \"" + S3ProxyServer.REGION + "\", \"bucket\": \""
                                            + bucket
                                            + "\", \"prefix\": \"archive/\", \"accessKey\": \""
                                            + S3ProxyServer.ACCESS_KEY + "\", \"secretKey\": \""
                                            + S3ProxyServer.SECRET_KEY + "\", \"pathStyle\": true}}";
                                case "fedora" ->
                                    "{\"id\": \"fedora\", \"fedora\": {\"url\": \"" + fedora.restUrl()
                                            + "\", \"user\": \"" + FedoraServer.USER + "\", \"password\": \""
                                            + FedoraServer.PASSWORD + "\", \"container\": \"" + container + "\"}}";
                                default -> "{\"id\": \"" + kind + "\", \"path\": \"replicas/" + kind + "\"}";
                            });
        }
        Path config = Files.writeString(
                tmp.resolve("kho-" + UUID.randomUUID() + ".json"),
                "{\"replicas\": [" + replicas + "], \"replication\": {\"quorum\": " + quorum
                        + ", \"waitSeconds\": 0}}");
        return new Setup(config, bucket, container);
    }

    private KhoTestServer start(Setup setup) {
        return KhoTestServer.start(tmp.resolve("data"), loader -> loader.file(setup.config()));
    }

    private JsonObject ingest(KhoTestServer server, String name) throws IOException {
        return server.ingest(Tt05SipBuilder.create()
                .id(UUID.randomUUID())
                .title("Hồ sơ " + name)
                .document("000.00.00.H30.2024.01.0000001.001.txt", DOCUMENT)
                .writeZip(tmp.resolve(name + ".zip")));
    }

    private static Replica replica(KhoTestServer server, String id) {
        return server.kho().replicas().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** The object path of the package's submitted document. */
    private static String documentPath(KhoTestServer server, PackageId id) {
        Replica a = replica(server, "a");
        return a.inventory(id).files().values().stream()
                .filter(f -> f.logicalPath().endsWith(".001.txt"))
                .findFirst()
                .orElseThrow()
                .contentPath();
    }

    private static JsonObject audit(KhoTestServer server) throws InterruptedException {
        HttpResponse<String> started = server.send(
                HttpRequest.newBuilder(server.uri("/api/v1/audits"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String path = "/api/v1/audits/" + new JsonObject(started.body()).getString("id");
        return await(server, path, a -> !a.getString("status").equals("RUNNING"));
    }

    private static JsonObject await(KhoTestServer server, String path, Predicate<JsonObject> done)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonObject last = server.json(path);
        while (!done.test(last) && System.nanoTime() < end) {
            Thread.sleep(200);
            last = server.json(path);
        }
        return last;
    }

    @Test
    void storesAPackageOnAllThreeKindsAndRepairsABadS3CopyAndABadFedoraCopyFromTheFilesystem() throws Exception {
        Setup setup = setup(3, "a", "s3", "fedora");
        try (KhoTestServer server = start(setup)) {
            JsonObject job = ingest(server, "one");
            assertThat(job.getString("status")).as(job.encode()).isEqualTo("STORED");
            PackageId id = KhoTestServer.packageOf(job);
            for (Replica r : server.kho().replicas()) {
                assertThat(r.contains(id)).as(r.id()).isTrue();
                assertThat(r.verify(id, replica(server, "a").inventory(id)))
                        .as(r.id())
                        .isEmpty();
            }
            String document = documentPath(server, id);
            // a flipped bit in the S3 server's own file, and a binary replaced through Fedora's API
            Path onS3 = s3.fileOf(setup.bucket(), ((S3Replica) replica(server, "s3")).key(id, document));
            byte[] bytes = Files.readAllBytes(onS3);
            bytes[3] ^= 0x10;
            Files.write(onS3, bytes);
            fedora.overwriteBehindKhosBack(
                    URI.create(fedora.restUrl() + setup.container() + "/" + id.uuid() + "/" + document),
                    "not the document".getBytes(StandardCharsets.UTF_8));

            JsonObject audit = audit(server);

            assertThat(audit.getString("status")).isEqualTo("COMPLETED");
            JsonArray findings = audit.getJsonArray("findings");
            assertThat(findings.stream().map(f -> ((JsonObject) f).getString("replica")))
                    .contains("s3", "fedora")
                    .doesNotContain("a");
            assertThat(findings.stream().map(f -> ((JsonObject) f).getString("classification")))
                    .containsOnly("MISMATCH");
            JsonArray repairs = audit.getJsonArray("repairs");
            assertThat(repairs).hasSize(2);
            for (Object r : repairs) {
                JsonObject repair = (JsonObject) r;
                assertThat(repair.getBoolean("repaired")).as(repair.encode()).isTrue();
                assertThat(repair.getString("source")).isNotEqualTo(repair.getString("replica"));
            }
            assertThat(Files.readAllBytes(onS3)).contains(DOCUMENT);
            assertThat(audit(server).getJsonArray("findings"))
                    .as("the next audit finds all well")
                    .isEmpty();
            HttpResponse<byte[]> download = server.getBytes("/api/v1/packages/" + id + "/files/"
                    + server.kho().index().files(id).stream()
                            .map(f -> f.file().path())
                            .filter(p -> p.endsWith(".001.txt"))
                            .findFirst()
                            .orElseThrow());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(DOCUMENT);
        }
    }

    @Test
    void storesWithoutAStoppedS3ServerOnTheQuorumAndCopiesThePackageThereOnceItIsBack() throws Exception {
        Setup setup = setup(2, "a", "b", "s3");
        PackageId id;
        try (KhoTestServer server = start(setup)) {
            s3.stop();
            try {
                JsonObject job = ingest(server, "while-s3-down");
                assertThat(job.getString("status")).as(job.encode()).isEqualTo("STORED");
                id = KhoTestServer.packageOf(job);
                assertThat(server.json("/api/v1/packages/" + id).getString("state"))
                        .isEqualTo("UNDER_REPLICATED");
                assertThat(s3.isRunning()).isFalse();
            } finally {
                s3.start();
            }
        }

        try (KhoTestServer server = start(setup)) { // the start's catch-up makes the copy on s3 due at once
            JsonObject pkg = await(
                    server, "/api/v1/packages/" + id, p -> p.getString("state").equals("ACTIVE"));

            assertThat(pkg.getString("state")).isEqualTo("ACTIVE");
            Replica onS3 = replica(server, "s3");
            assertThat(onS3.contains(id)).isTrue();
            assertThat(onS3.verify(id, replica(server, "a").inventory(id))).isEmpty();
        }
    }

    @Test
    void failsAnIngestWhoseQuorumNeedsAStoppedS3ServerAndLeavesNothingOnTheOthers() throws Exception {
        Setup setup = setup(2, "a", "s3");
        try (KhoTestServer server = start(setup)) {
            s3.stop();
            JsonObject job;
            try {
                job = ingest(server, "no-quorum");
            } finally {
                s3.start();
            }

            assertThat(job.getString("status")).as(job.encode()).isEqualTo("FAILED");
            assertThat(IngestApiTest.codes(job)).contains("STORAGE_QUORUM_NOT_MET");
            assertThat(replica(server, "a").list()).isEmpty();
            assertThat(replica(server, "s3").list()).isEmpty();
            assertThat(server.indexedPackages()).isZero();
        }
    }
}
