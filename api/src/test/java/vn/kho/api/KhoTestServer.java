package vn.kho.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import vn.kho.api.config.ConfigLoader;
import vn.kho.repository.PackageId;
import vn.kho.storage.Replica;

/**
 * A real Kho for tests: the real HTTP server on a free port, real OCFL replicas and RocksDB under a temporary data
 * directory, the embedded Fuseki on a free loopback port. Talks to it over HTTP with the JDK client.
 */
public final class KhoTestServer implements AutoCloseable {
    private final Path data;
    private final Consumer<ConfigLoader> settings;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Kho kho;

    private KhoTestServer(Path data, Consumer<ConfigLoader> settings) {
        this.data = data;
        this.settings = settings;
    }

    public static KhoTestServer start(Path data) {
        return start(data, loader -> {});
    }

    public static KhoTestServer start(Path data, Consumer<ConfigLoader> settings) {
        KhoTestServer s = new KhoTestServer(data, settings);
        s.boot();
        return s;
    }

    private void boot() {
        ConfigLoader loader = new ConfigLoader().set("data", data.toString()).set("server.port", "0");
        settings.accept(loader);
        kho = Kho.start(loader.load());
    }

    /** Stops and starts again on the same data directory (a clean restart). */
    public void restart() {
        kho.close();
        boot();
    }

    public Kho kho() {
        return kho;
    }

    public Path data() {
        return data;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + kho.port() + path);
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(90))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public JsonObject json(String path) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    /** POSTs a zip file as the request body (streamed from disk), with optional extra headers. */
    public HttpResponse<String> post(Path zip, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1/ingests"))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/zip")
                    .POST(HttpRequest.BodyPublishers.ofFile(zip));
            headers.forEach(b::setHeader);
            return send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Submits and asserts it was accepted (202); returns the ingest. */
    public JsonObject submit(Path zip) {
        HttpResponse<String> r = post(zip, Map.of());
        assertThat(r.statusCode()).as("submit %s: %s", zip, r.body()).isEqualTo(202);
        return new JsonObject(r.body());
    }

    /** Follows the ingest with the server's long-poll until it is final (at most five minutes). */
    public JsonObject awaitFinal(String ingestId) {
        for (int i = 0; i < 5; i++) {
            JsonObject job = json("/api/v1/ingests/" + ingestId + "?wait=60");
            if (Set.of("STORED", "REJECTED", "FAILED").contains(job.getString("status"))) {
                return job;
            }
        }
        throw new AssertionError("ingest " + ingestId + " did not finish in five minutes");
    }

    /** Submits, follows to the end, returns the final ingest. */
    public JsonObject ingest(Path zip) {
        return awaitFinal(submit(zip).getString("ingestId"));
    }

    /** Every object id on every replica, as "replica:uuid". */
    public Set<String> storedObjects() {
        Set<String> out = new TreeSet<>();
        for (Replica r : kho.replicas()) {
            out.addAll(r.list().map(id -> r.id() + ":" + id).collect(Collectors.toSet()));
        }
        return out;
    }

    public long indexedPackages() {
        return kho.index().count();
    }

    public static PackageId packageOf(JsonObject ingest) {
        return PackageId.parse(ingest.getString("packageId"));
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kho.close();
    }
}
