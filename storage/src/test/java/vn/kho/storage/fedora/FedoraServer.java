package vn.kho.storage.fedora;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import vn.kho.servers.fedora.FedoraProcess;

/**
 * A real Fedora 6.0.0 for tests: a {@link FedoraProcess} (the war in embedded Tomcat 9, in a forked JVM) with user
 * {@value #USER} in role {@code fedoraAdmin}, its home and H2 database in a directory the test gives (a
 * {@code @TempDir}), and what tests need of it in Kho's terms. Start it once per test class ({@link #start} in
 * {@code @BeforeAll}, {@link #close} in {@code @AfterAll}) and take a {@link #freshReplica} per test: each has its own
 * container, so tests never see each other's packages.
 *
 * <p>The war is found at the system property {@value #WAR_PROPERTY}, which the storage module's build sets to where
 * maven-dependency-plugin copied it ({@code target/fedora/fcrepo-webapp.war}); without that property, in the local
 * Maven repository.
 */
public final class FedoraServer implements AutoCloseable {
    public static final String USER = "fedoraAdmin";
    public static final String PASSWORD = "kho-test-secret";
    public static final String WAR_PROPERTY = FedoraProcess.WAR_PROPERTY;

    private final FedoraProcess process;

    private FedoraServer(FedoraProcess process) {
        this.process = process;
    }

    /**
     * Forks Fedora with its home under {@code dir} and returns once {@code GET /fcrepo/rest/} answers 200 (the port
     * opens seconds before the application is ready).
     */
    public static FedoraServer start(Path dir) {
        return start(dir, Map.of());
    }

    /** {@link #start(Path)} with more Fedora settings, e.g. {@code fcrepo.session.timeout} (milliseconds). */
    public static FedoraServer start(Path dir, Map<String, String> fedoraProperties) {
        return new FedoraServer(FedoraProcess.start(dir, USER, PASSWORD, fedoraProperties));
    }

    /** {@code http://127.0.0.1:PORT/fcrepo/rest/}. */
    public URI restUrl() {
        return process.restUrl();
    }

    /** From the fork to the first 200 of the REST API. */
    public Duration startTime() {
        return process.startTime();
    }

    /** The settings of a replica in {@code container} (a path under the REST root; null for the root itself). */
    public FedoraReplicaConfig config(String container) {
        return new FedoraReplicaConfig(restUrl(), USER, PASSWORD, container);
    }

    /** A replica named {@code id} in a container of its own, which no other replica of this server uses. */
    public FedoraReplica freshReplica(String id) {
        return new FedoraReplica(id, config("kho-test/" + UUID.randomUUID()));
    }

    /**
     * Replaces the bytes of the binary at {@code resource} straight through Fedora's REST API, bypassing
     * {@link FedoraReplica} (no digest, no transaction): damage done behind Kho's back.
     */
    public void overwriteBehindKhosBack(URI resource, byte[] bytes) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(resource)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .header("Content-Type", "application/octet-stream"));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "PUT " + resource + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Sends {@code request} as the admin user; for tests that talk to Fedora directly. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        return process.send(request);
    }

    /** Ends the fork's standard input, which stops Tomcat; kills it if it has not stopped within 30 s. */
    @Override
    public void close() {
        process.close();
    }
}
