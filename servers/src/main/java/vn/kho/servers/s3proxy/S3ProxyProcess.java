package vn.kho.servers.s3proxy;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import vn.kho.servers.ForkedJvm;
import vn.kho.servers.LocalArtifacts;

/**
 * A real S3 server: S3Proxy 2.6 with its jclouds {@code filesystem} backend (each bucket a directory under
 * {@link #basedir()}, each key a file at its path), run from its self-contained jar in a forked JVM on a free loopback
 * port, with one access key. A fork because S3Proxy embeds Jetty 11, which must never share a class path with
 * Fuseki's Jetty 12.
 *
 * <p>The jar is the file the system property {@value #JAR_PROPERTY} names, else
 * {@code org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar} in the local Maven repository (see
 * {@link LocalArtifacts}).
 *
 * <p>{@link #stop()} and {@link #start()} stop and start the server again on the same port and directory. A JVM that
 * exits without closing the server stops it on its way out.
 */
public final class S3ProxyProcess implements AutoCloseable {
    public static final String JAR_PROPERTY = "kho.s3proxy.jar";
    public static final String REGION = "us-east-1";

    private static final String JAR_IN_REPOSITORY = "org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar";
    private static final String FETCH = "mvn dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies"
            + " (or build Kho: mvn package -DskipTests)";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final Path basedir;
    private final int port;
    private final Path properties;
    private final String accessKey;
    private final String secretKey;
    private final ForkedJvm jvm;
    private Process process;
    private Thread shutdownHook;

    private S3ProxyProcess(Path workDir, int port, String accessKey, String secretKey, ForkedJvm jvm)
            throws IOException {
        this.workDir = workDir;
        this.jvm = jvm;
        this.basedir = workDir.resolve("data");
        this.port = port;
        this.properties = workDir.resolve("s3proxy.properties");
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        Files.createDirectories(basedir);
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint().toString());
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", accessKey);
        p.setProperty("s3proxy.credential", secretKey);
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", basedir.toString());
        try (var out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
            p.store(out, "S3Proxy started by Kho");
        }
    }

    /**
     * Starts a server keeping its buckets under {@code workDir/data} and its log in {@code workDir/s3proxy.log},
     * accepting requests signed with {@code accessKey} and {@code secretKey}, and returns once it answers HTTP.
     *
     * @throws IllegalStateException when the jar cannot be found, or the server exits or does not answer within a
     *     minute (the message ends with its log)
     */
    public static S3ProxyProcess start(Path workDir, String accessKey, String secretKey) {
        return start(workDir, accessKey, secretKey, ForkedJvm.QUICK_START);
    }

    /** {@link #start(Path, String, String)} in a JVM tuned as {@code jvm}. */
    public static S3ProxyProcess start(Path workDir, String accessKey, String secretKey, ForkedJvm jvm) {
        try {
            S3ProxyProcess server = new S3ProxyProcess(workDir, freePort(), accessKey, secretKey, jvm);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where S3Proxy's jar is; see the class comment. */
    public static Path jar() {
        return LocalArtifacts.locate(JAR_PROPERTY, JAR_IN_REPOSITORY, FETCH);
    }

    /** Starts the (stopped) server again, on the same port and directory, and waits until it answers. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("S3Proxy is already running on port " + port);
        }
        Path jar = jar();
        List<String> command = new ArrayList<>();
        command.add(ForkedJvm.java());
        command.addAll(jvm.options());
        command.addAll(List.of(
                "-Xmx256m", "-cp", jar.toString(), "org.gaul.s3proxy.Main", "--properties", properties.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        builder.environment().put("LOG_LEVEL", "warn");
        builder.environment().put("JETTY_LOG_LEVEL", "warn");
        try {
            process = builder.start();
            if (shutdownHook == null) {
                // a JVM that exits without closing the server (a crash, a timeout) must not leave it running
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

    /** {@link #stop()}, then {@link #start()}: the same port, the same buckets. */
    public void restart() {
        stop();
        start();
    }

    /** Whether the server process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server and forgets its shutdown hook. */
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

    /** {@code http://127.0.0.1:PORT}; path-style addressing, region {@value #REGION}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where the filesystem backend keeps its buckets: {@code basedir/<bucket>/<key>}. */
    public Path basedir() {
        return basedir;
    }

    /** The server's output. */
    public Path log() {
        return workDir.resolve("s3proxy.log");
    }

    /**
     * Creates {@code bucket} with one signed {@code PUT /bucket}.
     *
     * @throws IllegalStateException when the server does not answer 200 (an existing bucket of ours answers 409)
     */
    public void createBucket(String bucket) {
        BucketCreation.create(endpoint(), bucket, accessKey, secretKey);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
