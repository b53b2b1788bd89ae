package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.storage.Replica;

/**
 * The write policy and the catch-up over HTTP against a real Kho with three filesystem replicas, one of which is taken
 * away on disk (its OCFL storage root's declaration removed, as an unmounted disk would) and brought back.
 */
class ReplicationApiTest {
    private static final String NAMASTE = "0=ocfl_1.1";

    @TempDir
    Path tmp;

    private Path config(String quorum, String... replicas) throws IOException {
        StringBuilder list = new StringBuilder();
        for (String r : replicas) {
            list.append(list.isEmpty() ? "" : ", ")
                    .append("{\"id\": \"")
                    .append(r)
                    .append("\", \"path\": \"replicas/")
                    .append(r)
                    .append("\"}");
        }
        return Files.writeString(
                tmp.resolve("kho-" + String.join("", replicas) + ".json"),
                "{\"replicas\": [" + list + "], \"replication\": {\"quorum\": " + quorum + ", \"waitSeconds\": 0}}");
    }

    private KhoTestServer start(Path config) {
        return KhoTestServer.start(tmp.resolve("data"), loader -> loader.file(config));
    }

    private Path root(String replica) {
        return tmp.resolve("data/replicas/" + replica);
    }

    private void takeAway(String replica) throws IOException {
        Files.move(root(replica).resolve(NAMASTE), tmp.resolve(replica + "-namaste"));
    }

    private void bringBack(String replica) throws IOException {
        Files.move(tmp.resolve(replica + "-namaste"), root(replica).resolve(NAMASTE));
    }

    private JsonObject ingest(KhoTestServer server, String name) throws IOException {
        return server.ingest(Tt05SipBuilder.create()
                .id(UUID.randomUUID())
                .title("Hồ sơ " + name)
                .writeZip(tmp.resolve(name + ".zip")));
    }

    private static JsonObject await(KhoTestServer server, String path, Predicate<JsonObject> done)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject last = server.json(path);
        while (!done.test(last) && System.nanoTime() < end) {
            Thread.sleep(200);
            last = server.json(path);
        }
        return last;
    }

    private static boolean holds(KhoTestServer server, String replica, PackageId id) {
        Replica r = server.kho().replicas().stream()
                .filter(x -> x.id().equals(replica))
                .findFirst()
                .orElseThrow();
        return r.contains(id);
    }

    @Test
    void storesOnTheQuorumWhileAReplicaIsDownWithAnIncidentAndCopiesItThereWhenItIsBack() throws Exception {
        Path config = config("2", "a", "b", "c");
        PackageId id;
        try (KhoTestServer server = start(config)) {
            takeAway("c");

            JsonObject job = ingest(server, "one");

            assertThat(job.getString("status")).as(job.encode()).isEqualTo("STORED");
            id = KhoTestServer.packageOf(job);
            JsonObject stored = server.json("/api/v1/packages/" + id);
            assertThat(stored.getString("state")).isEqualTo("UNDER_REPLICATED");
            assertThat(stored.getJsonArray("replicasLacking")).containsExactly("c");
            assertThat(holds(server, "a", id)).isTrue();
            assertThat(holds(server, "b", id)).isTrue();
            JsonArray incidents = server.json("/api/v1/incidents").getJsonArray("items");
            assertThat(incidents).hasSize(1);
            JsonObject incident = incidents.getJsonObject(0);
            assertThat(incident.getString("state")).isEqualTo("OPEN");
            assertThat(incident.getString("what")).contains(id.urn(), "replica(s) c", "UNDER_REPLICATED");
            JsonObject replication = server.json("/api/v1/preservation/status").getJsonObject("replication");
            assertThat(replication.getString("oldestUnderReplicated")).isEqualTo(id.toString());
            assertThat(replication.getJsonObject("missingCopies").getLong("c")).isPositive();
            assertThat(replication.getJsonObject("missingCopies").getLong("a")).isZero();
            assertThat(server.get("/metrics").body()).contains("kho_replica_missing_copies{replica=\"c\"}");
        }
        bringBack("c");

        try (KhoTestServer server = start(config)) { // the catch-up at start makes c's missing copies due at once
            JsonObject pkg = await(
                    server, "/api/v1/packages/" + id, p -> p.getString("state").equals("ACTIVE"));

            assertThat(pkg.getString("state")).isEqualTo("ACTIVE");
            assertThat(pkg.getJsonArray("replicasLacking")).isEmpty();
            assertThat(holds(server, "c", id)).isTrue();
            OcflValidation.assertValid(root("c"), id);
            JsonObject incident =
                    server.json("/api/v1/incidents").getJsonArray("items").getJsonObject(0);
            assertThat(incident.getString("state")).isEqualTo("RESOLVED");
            JsonObject replication = server.json("/api/v1/preservation/status").getJsonObject("replication");
            assertThat(replication.getString("oldestUnderReplicated")).isNull();
            assertThat(replication.getLong("lagSeconds")).isZero();
            assertThat(replication.getJsonObject("missingCopies").getLong("c")).isZero();
        }
    }

    @Test
    void failsTheIngestAndLeavesNoCopyAnywhereWhenTheQuorumIsNotMet() throws Exception {
        try (KhoTestServer server = start(config("2", "a", "b", "c"))) {
            takeAway("b");
            takeAway("c");

            JsonObject job = ingest(server, "one");

            assertThat(job.getString("status")).as(job.encode()).isEqualTo("FAILED");
            assertThat(IngestApiTest.codes(job)).contains("STORAGE_QUORUM_NOT_MET");
            assertThat(server.storedObjects()).isEmpty();
            assertThat(server.indexedPackages()).isZero();
        }
    }

    @Test
    void backfillsAReplicaAddedToTheConfigurationWithEveryPackage() throws Exception {
        List<PackageId> stored;
        try (KhoTestServer server = start(config("2", "a", "b"))) {
            stored = List.of(
                    KhoTestServer.packageOf(ingest(server, "one")), KhoTestServer.packageOf(ingest(server, "two")));
        }

        try (KhoTestServer server = start(config("3", "a", "b", "c"))) {
            JsonObject status = await(
                    server,
                    "/api/v1/preservation/status",
                    s -> s.getJsonObject("replication")
                                    .getJsonObject("missingCopies")
                                    .getLong("c")
                            == 0);

            assertThat(status.getJsonObject("replication")
                            .getJsonObject("missingCopies")
                            .getLong("c"))
                    .isZero();
            for (PackageId id : stored) {
                assertThat(holds(server, "c", id)).as(id.toString()).isTrue();
                assertThat(server.json("/api/v1/packages/" + id).getString("state"))
                        .isEqualTo("ACTIVE");
            }
            OcflValidation.assertValid(root("c"), stored.get(0));
        }
    }
}
