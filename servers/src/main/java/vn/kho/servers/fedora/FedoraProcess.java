package vn.kho.servers.fedora;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.concurrent.TimeUnit;
import org.apache.catalina.startup.Tomcat;
import vn.kho.servers.ForkedJvm;
import vn.kho.servers.LocalArtifacts;

/**
 * A real Fedora 6.0.0 (the {@code fcrepo-webapp} war) in embedded Tomcat 9 on a free loopback port, in a forked JVM,
 * with one user in role {@code fedoraAdmin}, and its home and H2 database under a directory the caller gives.
 *
 * <p>A fork, because Fedora's settings are JVM-global system properties ({@code fcrepo.home}, {@code fcrepo.db.url},
 * ...) that two servers in one JVM would fight over, it starts hundreds of threads and Spring singletons that a
 * stopped Tomcat does not all take back, and Kho's own class path carries Jetty 12, Jena and Vert.x. The fork's class
 * path is only Tomcat's jars (from where this JVM's class path has them) and this module's classes
 * ({@link FedoraServerMain}); the war's 200 jars stay inside its webapp class loader. The fork reads its standard
 * input and stops when it ends, so it dies with this JVM.
 *
 * <p>The war is the file the system property {@value #WAR_PROPERTY} names, else
 * {@code org/fcrepo/fcrepo-webapp/6.0.0/fcrepo-webapp-6.0.0.war} in the local Maven repository (see
 * {@link LocalArtifacts}).
 */
public final class FedoraProcess implements AutoCloseable {
    public static final String WAR_PROPERTY = "kho.fedora.war";

    private static final String WAR_IN_REPOSITORY = "org/fcrepo/fcrepo-webapp/6.0.0/fcrepo-webapp-6.0.0.war";
    private static final String FETCH = "mvn dependency:get -Dartifact=org.fcrepo:fcrepo-webapp:6.0.0:war"
            + " (or build Kho: mvn package -DskipTests)";
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final URI rest;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private Duration startTime = Duration.ZERO;

    private FedoraProcess(Process process, Path log, URI rest, String user, String password) {
        this.process = process;
        this.log = log;
        this.rest = rest;
        this.user = user;
        this.password = password;
    }

    /**
     * Forks Fedora with its home, Tomcat directory and log ({@code fedora.log}) under {@code dir}, and returns once
     * {@code GET /fcrepo/rest/} answers 200 (the port opens seconds before the application is ready).
     *
     * @param fedoraProperties more Fedora settings, e.g. {@code fcrepo.session.timeout} (milliseconds)
     * @throws IllegalStateException when the war or Tomcat's jars cannot be found, or Fedora exits or is not ready
     *     within three minutes (the message ends with its log); the fork is then killed
     */
    public static FedoraProcess start(Path dir, String user, String password, Map<String, String> fedoraProperties) {
        return start(dir, user, password, fedoraProperties, ForkedJvm.QUICK_START);
    }

    /** {@link #start(Path, String, String, Map)} in a JVM tuned as {@code jvm}. */
    public static FedoraProcess start(
            Path dir, String user, String password, Map<String, String> fedoraProperties, ForkedJvm jvm) {
        long began = System.nanoTime();
        try {
            Path home = Files.createDirectories(dir.resolve("fcrepo-home"));
            Path tomcat = Files.createDirectories(dir.resolve("tomcat"));
            Path portFile = dir.resolve("port");
            Path log = dir.resolve("fedora.log");
            List<String> command = new ArrayList<>();
            command.add(ForkedJvm.java());
            command.addAll(jvm.options());
            command.addAll(List.of(
                    "-Xmx768m",
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
                    user,
                    password));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                int port = awaitPort(process, portFile, log, began);
                URI rest = URI.create("http://127.0.0.1:" + port + "/fcrepo/rest/");
                FedoraProcess server = new FedoraProcess(process, log, rest, user, password);
                server.awaitReady(began);
                server.startTime = Duration.ofNanos(System.nanoTime() - began);
                return server;
            } catch (RuntimeException | Error e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where Fedora's war is; see the class comment. */
    public static Path war() {
        return LocalArtifacts.locate(WAR_PROPERTY, WAR_IN_REPOSITORY, FETCH);
    }

    /** {@code http://127.0.0.1:PORT/fcrepo/rest/}. */
    public URI restUrl() {
        return rest;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** From the fork to the first 200 of the REST API. */
    public Duration startTime() {
        return startTime;
    }

    /** Fedora's and Tomcat's output. */
    public Path log() {
        return log;
    }

    /**
     * Sends {@code request} as the admin user, with a 60 s timeout, and reads the answer as text.
     *
     * @throws UncheckedIOException when Fedora cannot be reached
     */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
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
                throw failed(log, "Fedora's JVM exited with " + process.exitValue());
            }
            try {
                if (send(HttpRequest.newBuilder(rest).GET()).statusCode() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            if (System.nanoTime() - began > READY_WITHIN.toNanos()) {
                throw failed(log, "Fedora did not answer 200 at " + rest + " within " + READY_WITHIN);
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

    /**
     * Tomcat core, Jasper with its EL and compiler, the annotations API, and this module's classes, each from where
     * this JVM's class path has it: nothing else of that class path reaches the fork.
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
        return String.join(File.pathSeparator, entries);
    }

    private static String locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, FedoraProcess.class.getClassLoader());
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    className
                            + " is not on the class path: kho-servers needs tomcat-embed-core and tomcat-embed-jasper",
                    e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
