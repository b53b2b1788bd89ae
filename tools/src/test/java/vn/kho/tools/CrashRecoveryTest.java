package vn.kho.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ocfl.api.model.ValidationResults;
import io.ocfl.core.OcflRepositoryBuilder;
import io.ocfl.core.extension.storage.layout.config.HashedNTupleLayoutConfig;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.repository.PackageId;
import vn.kho.storage.ocfl.FilesystemReplica;

/**
 * A real Kho process is stopped in the middle of storing a large package — with SIGKILL (a crash) and with SIGTERM
 * (a shutdown) — then started again on the same data directory. Afterwards no replica holds a partial object, the
 * ingest is finished, and every copy passes ocfl-java's validation with content fixity.
 */
class CrashRecoveryTest {
    private static final Set<String> FINAL = Set.of("STORED", "REJECTED", "FAILED");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();
    private int port;

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void anIngestKilledWhileStoringIsFinishedAfterRestartAndNoReplicaKeepsAPartialObject() throws Exception {
        interruptWhileStoring(true);
    }

    @Test
    void aShutdownWhileStoringLetsTheIngestFinishOrResumeAtTheNextStart() throws Exception {
        interruptWhileStoring(false);
    }

    private void interruptWhileStoring(boolean kill) throws Exception {
        Path data = tmp.resolve("data");
        Path zip = tmp.resolve("large.zip");
        IngestBench.generate(null, zip, 400, 1 << 20, "crash test");
        Process server = start(data);
        String id = submit(zip);
        JsonObject job = status(id, 0);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!job.getString("status").equals("STORING") && !FINAL.contains(job.getString("status"))) {
            assertThat(System.nanoTime()).as("ingest reaches STORING").isLessThan(deadline);
            job = status(id, 0);
        }
        assertThat(job.getString("status"))
                .as("the package is large enough to be caught while storing")
                .isEqualTo("STORING");
        if (kill) {
            server.destroyForcibly();
        } else {
            server.destroy();
        }
        assertThat(server.waitFor(3, TimeUnit.MINUTES)).isTrue();

        PackageId pkg = PackageId.parse(job.getString("packageId"));
        for (String replica : List.of("a", "b")) {
            try (FilesystemReplica r = new FilesystemReplica(replica, data.resolve("replicas/" + replica))) {
                if (r.contains(pkg)) {
                    assertValid(r.root(), pkg);
                }
            }
        }

        start(data);
        JsonObject done = status(id, 60);
        while (!FINAL.contains(done.getString("status"))) {
            done = status(id, 60);
        }
        assertThat(done.getString("status")).as(done.encodePrettily()).isEqualTo("STORED");
        assertThat(done.getString("packageId")).isEqualTo(pkg.toString());
        JsonObject stored = new JsonObject(get("/api/v1/packages/" + pkg).body());
        assertThat(stored.getInteger("fileCount")).isGreaterThan(800);
        for (String replica : List.of("a", "b")) {
            Path root = data.resolve("replicas/" + replica);
            assertValid(root, pkg);
            assertThat(root.resolve(FilesystemReplica.INCOMING)).doesNotExist();
        }
    }

    private static void assertValid(Path root, PackageId pkg) throws IOException {
        var repo = new OcflRepositoryBuilder()
                .defaultLayoutConfig(new HashedNTupleLayoutConfig())
                .storage(s -> s.fileSystem(root))
                .workDir(Files.createTempDirectory("ocfl-validate"))
                .build();
        try {
            ValidationResults results = repo.validateObject(pkg.urn(), true);
            assertThat(results.getErrors()).as("OCFL errors on %s", root).isEmpty();
        } finally {
            repo.close();
        }
    }

    /** Starts {@code kho serve} in its own JVM and waits for the line that says it listens. */
    private Process start(Path data) throws IOException {
        if (port == 0) {
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-cp",
                        classpath,
                        KhoCommand.class.getName(),
                        "serve",
                        "--data",
                        data.toString(),
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        processes.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Path log = tmp.resolve("server-" + processes.size() + ".log");
        for (String line; (line = out.readLine()) != null; ) {
            Files.writeString(
                    log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (line.startsWith("Kho is listening")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "drain-server-output");
                drain.setDaemon(true);
                drain.start();
                return p;
            }
        }
        throw new AssertionError("kho serve ended before listening; see " + log + ":\n" + Files.readString(log));
    }

    private String submit(Path zip) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/api/v1/ingests"))
                        .header("Content-Type", "application/zip")
                        .POST(HttpRequest.BodyPublishers.ofFile(zip))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return new JsonObject(r.body()).getString("ingestId");
    }

    private JsonObject status(String id, int wait) throws Exception {
        HttpResponse<String> r = get("/api/v1/ingests/" + id + "?wait=" + wait);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
