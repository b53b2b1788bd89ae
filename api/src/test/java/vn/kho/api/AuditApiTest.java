package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.repository.signature.Openssl;
import vn.kho.storage.ocfl.FilesystemReplica;

/**
 * On-demand audits over HTTP against a real Kho: faults injected on disk in a replica are found, repaired (or the
 * package marked DAMAGED with one incident), reported as signed JSON and as CSV, and an audit survives a restart.
 */
class AuditApiTest {
    @TempDir
    Path tmp;

    @Test
    void anAuditOfEverythingFindsAndRepairsAFlippedBitAndTheNextAuditIsClean() throws IOException {
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"))) {
            PackageId damaged = ingest(server, "a");
            PackageId other = ingest(server, "b");
            Path copy = contentFile(server, "a", damaged);
            flipBit(copy);

            JsonObject audit = finish(server, start(server, "{}"));
            assertThat(audit.getString("status")).isEqualTo("COMPLETED");
            assertThat(audit.getJsonObject("total").getLong("packages")).isEqualTo(2);
            assertThat(audit.getJsonObject("done")).isEqualTo(audit.getJsonObject("total"));
            // OCFL keeps one content file for identical bytes: the submitted package's copy of the document is
            // the same file, so one flipped bit is found under each logical path it backs, and repaired once
            long mismatches = audit.getJsonObject("counts").getLong("MISMATCH");
            assertThat(mismatches).isPositive();
            assertThat(audit.getJsonArray("findings")).hasSize((int) mismatches);
            assertThat(audit.getJsonArray("repairs")).hasSize(1);
            JsonObject finding = audit.getJsonArray("findings").getJsonObject(0);
            assertThat(finding.getString("package")).isEqualTo(damaged.urn());
            assertThat(finding.getString("replica")).isEqualTo("a");
            assertThat(finding.getString("classification")).isEqualTo("MISMATCH");
            JsonObject repair = audit.getJsonArray("repairs").getJsonObject(0);
            assertThat(repair.getString("kind")).isEqualTo("FILE");
            assertThat(repair.getString("source")).isEqualTo("b");
            assertThat(repair.getBoolean("repaired")).isTrue();

            String id = audit.getString("id");
            HttpResponse<String> csv = server.get("/api/v1/audits/" + id + "/report", "Accept", "text/csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            List<String> rows = csv.body().lines().toList();
            assertThat(rows.get(0)).startsWith("record,package,replica,path");
            List<String> findingRows =
                    rows.stream().filter(r -> r.startsWith("\"finding\"")).toList();
            List<String> repairRows =
                    rows.stream().filter(r -> r.startsWith("\"repair\"")).toList();
            assertThat(findingRows).hasSize((int) mismatches).allSatisfy(r -> assertThat(r)
                    .startsWith("\"finding\",\"" + damaged.urn() + "\",\"a\"")
                    .contains("\"MISMATCH\""));
            assertThat(repairRows).hasSize(1).allSatisfy(r -> assertThat(r)
                    .startsWith("\"repair\",\"" + damaged.urn() + "\",\"a\"")
                    .contains("\"FILE\",\"b\",\"true\""));
            assertThat(server.get("/api/v1/audits/" + id + "/report?format=csv").body())
                    .isEqualTo(csv.body());

            byte[] report = server.getBytes("/api/v1/audits/" + id + "/report").body();
            assertThat(new JsonObject(new String(report, StandardCharsets.UTF_8)).getString("status"))
                    .isEqualTo("COMPLETED");
            Path json = Files.write(tmp.resolve("report.json"), report);
            Path p7s = Files.write(
                    tmp.resolve("report.p7s"),
                    server.getBytes("/api/v1/audits/" + id + "/report.p7s").body());
            Path ca = Files.writeString(
                    tmp.resolve("archive.pem"),
                    server.get("/api/v1/archive/certificate").body());
            assertThat(Openssl.verifyDetached(tmp, json, p7s, ca).exit()).isZero();
            assertThat(server.getBytes("/api/v1/audits/" + id + "/report").body())
                    .as("the report is kept once, so its signature keeps verifying")
                    .isEqualTo(report);

            JsonObject again = finish(server, start(server, "{}"));
            assertThat(again.getJsonArray("findings")).isEmpty();
            assertThat(again.getJsonObject("counts").fieldNames()).containsExactly("OK");

            JsonObject one = finish(server, start(server, "{\"packages\": [\"" + other.uuid() + "\"]}"));
            assertThat(one.getJsonObject("total").getLong("packages")).isEqualTo(1);
            assertThat(one.getJsonObject("done").getLong("packages")).isEqualTo(1);

            flipBit(contentFile(server, "b", other));
            JsonObject onA = finish(server, start(server, "{\"replica\": \"a\"}"));
            assertThat(onA.getJsonObject("done").getLong("packages")).isEqualTo(2);
            assertThat(onA.getJsonArray("findings")).as("replica b is not read").isEmpty();
            JsonObject onB = finish(server, start(server, "{\"replica\": \"b\"}"));
            assertThat(onB.getJsonObject("total").getLong("files"))
                    .isEqualTo(onA.getJsonObject("total").getLong("files"));
            assertThat(onB.getJsonArray("findings")).isNotEmpty();
            assertThat(onB.getJsonArray("repairs").getJsonObject(0).getString("source"))
                    .as("repaired from a replica outside the audit's scope")
                    .isEqualTo("a");

            JsonObject list = server.json("/api/v1/audits");
            assertThat(list.getJsonArray("items")).hasSize(5);
            assertThat(list.getJsonArray("items").getJsonObject(0).getString("id"))
                    .isEqualTo(onB.getString("id"));
        }
    }

    @Test
    void aFileBadOnEveryReplicaMarksThePackageDamagedWithOneIncidentAndOneWebhookCall() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            calls.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("audit.webhook", url))) {
            PackageId id = ingest(server, "lost");
            flipBit(contentFile(server, "a", id));
            flipBit(contentFile(server, "b", id));

            JsonObject first = finish(server, start(server, "{}"));
            assertThat(first.getJsonArray("findings"))
                    .extracting(f -> ((JsonObject) f).getString("replica"))
                    .contains("a", "b");
            assertThat(first.getJsonArray("incidents")).hasSize(1);
            assertThat(server.json("/api/v1/packages/" + id.uuid()).getString("state"))
                    .isEqualTo("DAMAGED");
            assertThat(server.json("/api/v1/packages")
                            .getJsonArray("items")
                            .getJsonObject(0)
                            .getString("state"))
                    .isEqualTo("DAMAGED");

            JsonObject second = finish(server, start(server, "{}"));
            assertThat(second.getJsonArray("incidents")).isEqualTo(first.getJsonArray("incidents"));
            JsonArray incidents = server.json("/api/v1/incidents").getJsonArray("items");
            assertThat(incidents).hasSize(1);
            JsonObject incident = incidents.getJsonObject(0);
            assertThat(incident.getString("package")).isEqualTo(id.urn());
            assertThat(incident.getString("state")).isEqualTo("OPEN");
            assertThat(incident.getString("what")).isNotBlank();
            assertThat(incident.getJsonArray("where")).isNotEmpty();
            assertThat(incident.getString("remedy")).isNotBlank();

            for (int i = 0; i < 100 && calls.isEmpty(); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            assertThat(calls).hasSize(1);
            assertThat(new JsonObject(calls.get(0)).getString("id")).isEqualTo(incident.getString("id"));
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void aCancelledAuditStopsBetweenPackagesAndCannotBeCancelledAgain() throws IOException {
        try (KhoTestServer server = slowServer(tmp.resolve("data"))) {
            ingest(server, "one", bigDocument());
            ingest(server, "two", bigDocument());
            JsonObject started = start(server, "{}");
            String id = started.getString("id");
            HttpResponse<String> cancel = delete(server, "/api/v1/audits/" + id);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
            JsonObject done = finish(server, started);
            assertThat(done.getString("status")).isEqualTo("CANCELLED");
            assertThat(done.getJsonObject("done").getLong("packages")).isLessThan(2);
            HttpResponse<String> again = delete(server, "/api/v1/audits/" + id);
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(again.body()).getJsonObject("error").getString("code"))
                    .isEqualTo("AUDIT_FINISHED");
            assertThat(delete(server, "/api/v1/audits/" + UUID.randomUUID()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void anAuditInterruptedByARestartResumesAndCountsEveryPackageOnce() throws IOException {
        try (KhoTestServer server = slowServer(tmp.resolve("data"))) {
            ingest(server, "one", bigDocument());
            ingest(server, "two", bigDocument());
            JsonObject started = start(server, "{}");
            String id = started.getString("id");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            JsonObject now = started;
            while (now.getJsonObject("done").getLong("packages") < 1 && System.nanoTime() < deadline) {
                sleep(100);
                now = server.json("/api/v1/audits/" + id);
            }
            assertThat(now.getString("status"))
                    .as("still running: its budget is one MB/s")
                    .isEqualTo("RUNNING");
            assertThat(now.getJsonObject("done").getLong("packages")).isEqualTo(1);

            server.restart();

            JsonObject done = finish(server, started);
            assertThat(done.getString("status")).isEqualTo("COMPLETED");
            assertThat(done.getJsonObject("done")).isEqualTo(done.getJsonObject("total"));
            assertThat(done.getJsonObject("done").getLong("packages")).isEqualTo(2);
            assertThat(done.getJsonObject("counts").getLong("OK"))
                    .as("no copy counted twice")
                    .isEqualTo(done.getJsonObject("total").getLong("files") + 2 * 2);
        }
    }

    @Test
    void badBodiesAreRefusedWithCodes() throws IOException {
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"))) {
            assertRefused(server, "[1, 2]", "AUDIT_BODY_INVALID");
            assertRefused(server, "{\"packages\": ", "AUDIT_BODY_INVALID");
            assertRefused(server, "{\"package\": []}", "AUDIT_BODY_INVALID");
            assertRefused(server, "{\"packages\": [1]}", "AUDIT_BODY_INVALID");
            assertRefused(server, "{\"packages\": [\"x\"], \"replica\": \"a\"}", "AUDIT_BODY_INVALID");
            assertRefused(server, "{\"replica\": \"z\"}", "AUDIT_REPLICA_UNKNOWN");
            assertRefused(server, "{\"packages\": [\"" + UUID.randomUUID() + "\"]}", "AUDIT_PACKAGE_UNKNOWN");
            assertRefused(server, "{\"packages\": [\"not-an-id\"]}", "AUDIT_PACKAGE_INVALID");
            assertThat(server.get("/api/v1/audits/nope").statusCode()).isEqualTo(400);
            assertThat(server.get("/api/v1/audits/" + UUID.randomUUID()).statusCode())
                    .isEqualTo(404);
            assertThat(server.json("/api/v1/audits").getJsonArray("items")).isEmpty();
        }
    }

    @Test
    void theStatusAndMetricsShowCopiesAgainstThePolicyTheLastChecksAndDamagedPackages() throws IOException {
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"))) {
            PackageId kept = ingest(server, "a");
            PackageId lost = ingest(server, "b");

            JsonObject fresh = status(server, s -> s.getLong("packages") == 2);
            assertThat(fresh.getJsonObject("copyPolicy").getInteger("requiredCopies"))
                    .isEqualTo(2);
            assertThat(fresh.getJsonObject("copyPolicy").getLong("packagesBelowPolicy"))
                    .isZero();
            // every copy was re-read and compared when it was written
            assertThat(fresh.getJsonObject("copiesByOutcome").getLong("OK")).isPositive();
            assertThat(fresh.getJsonObject("copiesByOutcome").getLong("MISMATCH"))
                    .isZero();
            assertThat(fresh.getString("oldestVerification")).isNotNull();

            flipBit(contentFile(server, "a", lost));
            flipBit(contentFile(server, "b", lost));
            finish(server, start(server, "{}"));

            JsonObject after = status(server, s -> s.getJsonArray("damaged").size() == 1);
            assertThat(after.getJsonArray("damaged")).containsExactly(lost.toString());
            assertThat(after.getJsonObject("packagesByState").getLong("DAMAGED"))
                    .isEqualTo(1);
            assertThat(after.getJsonObject("copyPolicy").getLong("packagesBelowPolicy"))
                    .isEqualTo(1);
            assertThat(after.getString("oldestVerification")).isNotNull();
            assertThat(after.getLong("incidentsOpen")).isEqualTo(1);
            assertThat(after.getJsonObject("verifiedTotal").getLong("mismatches"))
                    .isPositive();
            assertThat(after.getJsonArray("damaged")).doesNotContain(kept.toString());

            String metrics = server.get("/metrics").body();
            assertThat(metrics)
                    .contains("kho_packages 2.0")
                    .contains("kho_packages_by_state{state=\"DAMAGED\"} 1.0")
                    .contains("kho_packages_below_policy 1.0")
                    .contains("kho_incidents_open 1.0")
                    .containsPattern("kho_audit_mismatches_total [1-9]")
                    .containsPattern("kho_audit_files_verified_total [1-9]");
        }
    }

    /** The status once {@code ready} holds (it is recomputed at most every second), at most a minute. */
    private static JsonObject status(KhoTestServer server, java.util.function.Predicate<JsonObject> ready) {
        long until = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonObject s = server.json("/api/v1/preservation/status");
            if (ready.test(s) || System.nanoTime() > until) {
                return s;
            }
            sleep(200);
        }
    }

    private static void assertRefused(KhoTestServer server, String body, String code) {
        HttpResponse<String> r = post(server, body);
        assertThat(r.statusCode()).as(body + ": " + r.body()).isEqualTo(400);
        assertThat(new JsonObject(r.body()).getJsonObject("error").getString("code"))
                .as(body)
                .isEqualTo(code);
    }

    private static KhoTestServer slowServer(Path data) {
        return KhoTestServer.start(data, c -> c.set("audit.bandwidthMBps", "1").set("audit.concurrency", "1"));
    }

    /** A 1.5 MB text document: a package holding it costs three seconds of a one MB/s budget on two replicas. */
    private static byte[] bigDocument() {
        return "Biên bản họp hội đồng xác định giá trị tài liệu.\n"
                .repeat(1_500_000 / 50)
                .getBytes(StandardCharsets.UTF_8);
    }

    private PackageId ingest(KhoTestServer server, String name, byte[]... document) throws IOException {
        Tt05SipBuilder sip = Tt05SipBuilder.create().id(UUID.randomUUID()).title("Hồ sơ " + name);
        if (document.length > 0) {
            sip.document("000.00.00.H30.2024.01.0000001.001.txt", document[0]);
        }
        JsonObject job = server.ingest(sip.writeZip(tmp.resolve(name + ".zip")));
        assertThat(job.getString("status")).as(job.encode()).isEqualTo("STORED");
        return KhoTestServer.packageOf(job);
    }

    private static JsonObject start(KhoTestServer server, String body) {
        HttpResponse<String> r = post(server, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonObject audit = new JsonObject(r.body());
        assertThat(r.headers().firstValue("Location")).hasValue("/api/v1/audits/" + audit.getString("id"));
        return audit;
    }

    private static HttpResponse<String> post(KhoTestServer server, String body) {
        return server.send(
                HttpRequest.newBuilder(server.uri("/api/v1/audits"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(KhoTestServer server, String path) {
        return server.send(
                HttpRequest.newBuilder(server.uri(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject finish(KhoTestServer server, JsonObject audit) {
        String path = "/api/v1/audits/" + audit.getString("id");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject now = server.json(path);
            if (!now.getString("status").equals("RUNNING")) {
                return now;
            }
            sleep(100);
        }
        throw new AssertionError("audit " + audit.getString("id") + " did not finish in two minutes");
    }

    /** The package's first document's content file on one replica's disk. */
    private static Path contentFile(KhoTestServer server, String replica, PackageId id) throws IOException {
        String logical = server.kho().index().files(id).stream()
                .map(f -> f.file().path())
                .filter(p -> p.startsWith("representations/") && p.contains("/data/"))
                .findFirst()
                .orElseThrow();
        FilesystemReplica copy = (FilesystemReplica) server.kho().replicas().stream()
                .filter(r -> r.id().equals(replica))
                .findFirst()
                .orElseThrow();
        return copy.localPath(id, logical).orElseThrow();
    }

    private static void flipBit(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
