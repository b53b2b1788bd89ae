package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.ingest.testkit.Tt05SipBuilder;
import vn.kho.repository.PackageId;
import vn.kho.storage.CopySchedule;
import vn.kho.storage.Replica;

/** The scheduler as a running Kho wires it: packages ingested and packages found by an index rebuild get scheduled. */
class FixitySchedulerWiringTest {
    @TempDir
    Path tmp;

    @Test
    void anIngestedPackageHasEveryCopyScheduledWithinTheCycleAndARebuiltIndexSchedulesItAgain() throws IOException {
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("audit.cycleDays", "7"))) {
            Instant before = Instant.now();
            JsonObject job = server.ingest(Tt05SipBuilder.create()
                    .id(UUID.randomUUID())
                    .title("Hồ sơ lịch kiểm tra")
                    .writeZip(tmp.resolve("sip.zip")));
            PackageId id = KhoTestServer.packageOf(job);
            assertScheduledWithinAWeek(server, id, before);
            assertThat(server.kho().scheduler()).isPresent();

            server.kho().close();
            deleteTree(server.data().resolve("index"));
            Instant rebuilt = Instant.now();
            server.restart(); // closes the stopped Kho again (harmless), then starts: the index is rebuilt
            assertScheduledWithinAWeek(server, id, rebuilt);
        }
    }

    @Test
    void theSchedulerCanBeTurnedOff() {
        try (KhoTestServer server = KhoTestServer.start(tmp.resolve("data"), c -> c.set("audit.scheduler", "false"))) {
            assertThat(server.kho().scheduler()).isEmpty();
        }
    }

    private static void assertScheduledWithinAWeek(KhoTestServer server, PackageId id, Instant from) {
        CopySchedule schedule = (CopySchedule) server.kho().index();
        List<String> replicas =
                server.kho().replicas().stream().map(Replica::id).toList();
        assertThat(replicas).isNotEmpty();
        for (String r : replicas) {
            assertThat(schedule.nextDue(id, r)).as("copy on " + r).hasValueSatisfying(due -> assertThat(due)
                    .isBetween(from.minusSeconds(1), Instant.now().plus(Duration.ofDays(7))));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }
}
