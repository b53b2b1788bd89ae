package vn.kho.storage.fedora;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;

/**
 * A real Fedora 6.0.0 (the {@code fcrepo-webapp} war) for tests, in embedded Tomcat 9 on a free loopback port, with
 * user {@value #USER} in role {@code fedoraAdmin}, its home and H2 database in a directory the test gives (a
 * {@code @TempDir}). Start it once per test class ({@link #start} in {@code @BeforeAll}, {@link #close} in
 * {@code @AfterAll}) and take a {@link #freshReplica} per test: each has its own container, so tests never see each
 * other's packages.
 *
 * <p>Fedora runs in a forked JVM, not in the test JVM. Its settings are JVM-global system properties
 * ({@code fcrepo.home}, {@code fcrepo.db.url}, ...) that two test classes running it would fight over, it starts
 * hundreds of threads and Spring singletons that a stopped Tomcat does not all take back, and the api module's tests
 * carry Jetty 12, Jena and Vert.x on their class path. The fork's class path is only Tomcat's jars (found where the
 * test class path has them) and this class's own location; the war's 200 jars stay inside its webapp class loader.
 * The fork reads its standard input and stops when it ends, so it dies with the test JVM.
 *
 * <p>The war is found at the system property {@value #WAR_PROPERTY}, which the storage module's build sets to where
 * maven-dependency-plugin copied it ({@code target/fedora/fcrepo-webapp.war}); without that property, in the local
 * Maven repository.
 */
public final class FedoraServer implements AutoCloseable {
    public static final String USER = "fedoraAdmin";
    public static final String PASSWORD = "kho-test-secret";
    public static final String WAR_PROPERTY = "kho.fedora.war";

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final URI rest;
    private final Duration startTime;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private FedoraServer(Process process, Path log, URI rest, Duration startTime) {
        this.process = process;
        this.log = log;
        this.rest = rest;
        this.startTime = startTime;
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
        long began = System.nanoTime();
        try {
            Path home = Files.createDirectories(dir.resolve("fcrepo-home"));
            Path tomcat = Files.createDirectories(dir.resolve("tomcat"));
            Path portFile = dir.resolve("port");
            Path log = dir.resolve("fedora.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true",
                    "-Dfcrepo.home=" + home,
                    "-Dfcrepo.jms.enabled=false",
                    "-Dfcrepo.db.url=jdbc:h2:" + home.resolve("data/fcrepo-h2") + ";FILE_LOCK=FILE",
                    "-Dfcrepo.metrics.enable=false",
                    // what Tomcat's own start script opens for Java 17, so its leak prevention works without warnings
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                    "-cp",
                    forkClassPath()));
            fedoraProperties.forEach((key, value) -> command.add(command.size() - 2, "-D" + key + "=" + value));
            command.addAll(List.of(
                    FedoraServerMain.class.getName(),
                    war().toString(),
                    tomcat.toString(),
                    portFile.toString(),
                    USER,
                    PASSWORD));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            FedoraServer server = null;
            try {
                int port = awaitPort(process, portFile, log, began);
                URI rest = URI.create("http://127.0.0.1:" + port + "/fcrepo/rest/");
                server = new FedoraServer(process, log, rest, Duration.ZERO);
                server.awaitReady(began);
                return new FedoraServer(process, log, rest, Duration.ofNanos(System.nanoTime() - began));
            } catch (RuntimeException | Error e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT/fcrepo/rest/}. */
    public URI restUrl() {
        return rest;
    }

    /** From the fork to the first 200 of the REST API. */
    public Duration startTime() {
        return startTime;
    }

    /** The settings of a replica in {@code container} (a path under the REST root; null for the root itself). */
    public FedoraReplicaConfig config(String container) {
        return new FedoraReplicaConfig(rest, USER, PASSWORD, container);
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
        String credentials =
                Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(
                    request.header("Authorization", "Basic " + credentials)
                            .timeout(Duration.ofSeconds(60))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Ends the fork's standard input, which stops Tomcat; kills it if it has not stopped within 30 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(long began) {
        while (true) {
            if (!process.isAlive()) {
                throw failed("Fedora's JVM exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response =
                        send(HttpRequest.newBuilder(rest).GET());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            if (System.nanoTime() - began > READY_WITHIN.toNanos()) {
                throw failed("Fedora did not answer 200 at " + rest + " within " + READY_WITHIN);
            }
            pause();
        }
    }

    private static int awaitPort(Process process, Path portFile, Path log, long began) throws IOException {
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw failed(log, "Fedora's JVM exited with " + process.exitValue() + " before listening");
            }
            if (System.nanoTime() - began > READY_WITHIN.toNanos()) {
                throw failed(log, "Tomcat did not start within " + READY_WITHIN);
            }
            pause();
        }
        return Integer.parseInt(
                Files.readString(portFile, StandardCharsets.US_ASCII).strip());
    }

    private IllegalStateException failed(String why) {
        return failed(log, why);
    }

    private static IllegalStateException failed(Path log, String why) {
        String tail;
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            tail = "(no log: " + e + ")";
        }
        return new IllegalStateException(why + "; the end of " + log + ":\n" + tail);
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Fedora", e);
        }
    }

    private static Path war() {
        String configured = System.getProperty(WAR_PROPERTY);
        Path war = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(
                        System.getProperty("user.home"),
                        ".m2/repository/org/fcrepo/fcrepo-webapp/6.0.0/fcrepo-webapp-6.0.0.war");
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("no Fedora war at " + war + " (set -D" + WAR_PROPERTY
                    + ", which the storage module's build points at target/fedora/fcrepo-webapp.war)");
        }
        return war;
    }

    /**
     * Tomcat core, Jasper with its EL and compiler, the annotations API, and this class, each from where the test
     * class path has it: nothing else of the test class path reaches the fork.
     */
    private static String forkClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(locationOf(Tomcat.class.getName()));
        entries.add(locationOf(FedoraServerMain.class.getName()));
        for (String name : List.of(
                "org.apache.jasper.servlet.JasperInitializer",
                "javax.el.ExpressionFactory",
                "javax.annotation.PostConstruct",
                "org.eclipse.jdt.internal.compiler.Compiler")) {
            entries.add(locationOf(name));
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static String locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, FedoraServer.class.getClassLoader());
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    className + " is not on the test class path: add tomcat-embed-core and tomcat-embed-jasper", e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
