package vn.kho.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import vn.kho.servers.s3proxy.S3ProxyProcess;

/**
 * A real S3 server for tests: an {@link S3ProxyProcess} (S3Proxy's filesystem backend in a forked JVM, each bucket a
 * directory under {@link #basedir()}, each key a file at its path, so tests can corrupt stored bytes on disk) with
 * the test credentials, and what tests need of it in Kho's terms: an SDK {@link #client()} and a
 * {@link #replicaConfig}.
 *
 * <p>The S3Proxy jar comes from the system property {@value #JAR_PROPERTY}, which the parent pom's surefire
 * configuration sets to {@code target/s3proxy/s3proxy.jar} (a module gets the jar there by binding the parent's
 * {@code s3proxy-jar} execution of maven-dependency-plugin, see storage/pom.xml); without it, from the local Maven
 * repository.
 *
 * <p>{@link #stop()} and {@link #start()} stop and start the server again on the same port and directory, so a test
 * can take the server away in the middle of a write.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String JAR_PROPERTY = S3ProxyProcess.JAR_PROPERTY;
    public static final String ACCESS_KEY = "kho-test";
    public static final String SECRET_KEY = "kho-test-secret";
    public static final String REGION = S3ProxyProcess.REGION;

    private final S3ProxyProcess process;

    private S3ProxyServer(S3ProxyProcess process) {
        this.process = process;
    }

    /** Starts a server keeping its buckets under {@code workDir/data}, and waits until it answers. */
    public static S3ProxyServer start(Path workDir) {
        return new S3ProxyServer(S3ProxyProcess.start(workDir, ACCESS_KEY, SECRET_KEY));
    }

    /** Starts the (stopped) server again, on the same port and directory, and waits until it answers. */
    public void start() {
        process.start();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s); its buckets stay on disk. Nothing if already stopped. */
    public void stop() {
        process.stop();
    }

    /** Whether the server process is running. */
    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() {
        process.close();
    }

    public URI endpoint() {
        return process.endpoint();
    }

    /** Where the filesystem backend keeps its buckets: {@code basedir/<bucket>/<key>}. */
    public Path basedir() {
        return process.basedir();
    }

    /** The file on disk behind {@code key} in {@code bucket}. */
    public Path fileOf(String bucket, String key) {
        return basedir().resolve(bucket).resolve(key);
    }

    /** The server's output, for a failing test to show. */
    public Path log() {
        return process.log();
    }

    /** Creates a bucket. */
    public void createBucket(String bucket) {
        process.createBucket(bucket);
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
}
