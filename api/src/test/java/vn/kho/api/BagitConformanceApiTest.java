package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.kho.ingest.testkit.BagZipper;
import vn.kho.ingest.testkit.SharedFixtures;

/**
 * The Library of Congress BagIt conformance suite ({@code ../shared/fixtures/bagit-conformance}, used as it is),
 * every bag zipped byte-for-byte with its base directory and submitted over HTTP: each valid bag is stored, each
 * invalid (and linux-only) bag rejected with a reason, each warning bag stored with a warning.
 */
class BagitConformanceApiTest {
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

    static Stream<Arguments> bags() throws IOException {
        Path suite = SharedFixtures.bagitConformance();
        List<Arguments> out = new ArrayList<>();
        for (String group : List.of(
                "v1.0/valid", "v1.0/invalid", "v0.97/valid", "v0.97/invalid", "v0.97/warning", "v0.97/linux-only")) {
            try (Stream<Path> bags = Files.list(suite.resolve(group))) {
                bags.filter(Files::isDirectory)
                        .sorted()
                        .forEach(
                                b -> out.add(Arguments.of(group, b.getFileName().toString(), b)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("bags")
    void eachBagOfTheSuiteGetsItsExpectedOutcomeOverHttp(String group, String name, Path bag) {
        Path zip = BagZipper.zip(bag, tmp.resolve(group.replace('/', '_') + "_" + name + ".zip"), true);
        JsonObject job = server.ingest(zip);
        String status = job.getString("status");
        List<String> severities = job.getJsonArray("findings").stream()
                .map(f -> ((JsonObject) f).getString("severity"))
                .toList();
        if (group.endsWith("/valid")) {
            assertThat(status).as(job.encodePrettily()).isEqualTo("STORED");
            assertThat(severities).doesNotContain("ERROR");
        } else if (group.endsWith("/warning")) {
            assertThat(status).as(job.encodePrettily()).isEqualTo("STORED");
            assertThat(severities).as(job.encodePrettily()).contains("WARNING");
        } else {
            assertThat(status).as(job.encodePrettily()).isEqualTo("REJECTED");
            assertThat(severities).as("rejected with a reason").contains("ERROR");
        }
    }
}
