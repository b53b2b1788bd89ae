package vn.kho.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: S3Proxy with its jclouds {@code filesystem} backend (each bucket a directory under
 * {@link #basedir()}, each key a file at its path, so tests can corrupt stored bytes on disk), run in a forked JVM on
 * a free loopback port. A fork because S3Proxy embeds Jetty 11, and the api module's test class path holds Fuseki's
 * Jetty 12.
 *
 * <p>The S3Proxy jar comes from the system property {@value #JAR_PROPERTY}, which the parent pom's surefire
 * configuration sets to {@code target/s3proxy/s3proxy.jar}; a module gets the jar there by binding the parent's
 * {@code s3proxy-jar} execution of maven-dependency-plugin (see storage/pom.xml). Run outside Maven (an IDE), the
 * same path under the working directory is tried.
 *
 * <p>{@link #stop()} and {@link #start()} stop and start the server again on the same port and directory, so a test
 * can take the server away in the middle of a write.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String JAR_PROPERTY = "kho.s3proxy.jar";
    public static final String ACCESS_KEY = "kho-test";
    public static final String SECRET_KEY = "kho-test-secret";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final Path basedir;
    private final int port;
    private final Path properties;
    private Process process;
    private Thread shutdownHook;

    private S3ProxyServer(Path workDir, int port) throws IOException {
        this.workDir = workDir;
        this.basedir = workDir.resolve("data");
        this.port = port;
        this.properties = workDir.resolve("s3proxy.properties");
        Files.createDirectories(basedir);
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint().toString());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", ACCESS_KEY);
        p.setProperty("s3proxy.credential", SECRET_KEY);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", basedir.toString());
        try (var out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
            p.store(out, "S3Proxy for Kho's tests");
        }
    }

    /** Starts a server keeping its buckets under {@code workDir/data}, and waits until it answers. */
    public static S3ProxyServer start(Path workDir) {
        try {
            S3ProxyServer server = new S3ProxyServer(workDir, freePort());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the (stopped) server again, on the same port and directory, and waits until it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("S3Proxy is already running on port " + port);
        }
        Path jar = jar();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        jar.toString(),
                        "org.gaul.s3proxy.Main",
                        "--properties",
                        properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("LOG_LEVEL", "warn");
        builder.environment().put("JETTY_LOG_LEVEL", "warn");
        try {
            process = builder.start();
            if (shutdownHook == null) {
                // a test JVM that exits without closing the server (a crash, a timeout) must not leave it running
                shutdownHook = new Thread(this::stop, "s3proxy-stop");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy from " + jar, e);
        }
        awaitAnswer();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s); its buckets stay on disk. Nothing if already stopped. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Whether the server process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
        synchronized (this) {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook stops the server
                }
                shutdownHook = null;
            }
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the filesystem backend keeps its buckets: {@code basedir/<bucket>/<key>}. */
    public Path basedir() {
        return basedir;
    }

    /** The file on disk behind {@code key} in {@code bucket}. */
    public Path fileOf(String bucket, String key) {
        return basedir.resolve(bucket).resolve(key);
    }

    /** The server's output, for a failing test to show. */
    public Path log() {
        return workDir.resolve("s3proxy.log");
    }

    /** Creates a bucket. */
    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /** A client of this server with its credentials, path-style, sending no checksums of its own. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** A replica configuration for {@code bucket} under {@code prefix} on this server. */
    public S3ReplicaConfig replicaConfig(String bucket, String prefix) {
        return S3ReplicaConfig.of(endpoint(), REGION, bucket, prefix, ACCESS_KEY, SECRET_KEY);
    }

    private void awaitAnswer() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpURLConnection http = (HttpURLConnection) endpoint().toURL().openConnection();
                http.setConnectTimeout(500);
                http.setReadTimeout(2000);
                http.getResponseCode(); // any answer (403 without credentials) means it serves
                http.disconnect();
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for S3Proxy", interrupted);
                }
            }
        }
        stop();
        throw new IllegalStateException("S3Proxy did not answer within " + START_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            String text = Files.readString(log());
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy jar at " + jar.toAbsolutePath() + " (" + JAR_PROPERTY
                    + "); Maven copies it there in the generate-test-resources phase of a module that binds the"
                    + " parent's s3proxy-jar execution of maven-dependency-plugin");
        }
        return jar;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
