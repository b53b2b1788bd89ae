package vn.kho.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import vn.kho.servers.ForkedJvm;
import vn.kho.servers.fedora.FedoraProcess;
import vn.kho.servers.s3proxy.S3ProxyProcess;
import vn.kho.storage.Replica;
import vn.kho.storage.fedora.FedoraReplica;
import vn.kho.storage.fedora.FedoraReplicaConfig;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.s3.S3Replica;
import vn.kho.storage.s3.S3ReplicaConfig;

/**
 * Empty replicas of each kind for {@code kho bench replicate}, on servers it starts itself under one work directory:
 * a local directory, a prefix of a bucket of S3Proxy (filesystem backend) and a container of Fedora 6.0 (Tomcat 9),
 * each server in a JVM of its own with the JVM's default tuning ({@link ForkedJvm#THROUGHPUT}, not the tests' quick
 * start). Closing stops the servers.
 */
final class BenchReplicas implements AutoCloseable {
    /** The kinds of replica Kho writes to. */
    enum Kind {
        FILESYSTEM("filesystem (copy, fsync)"),
        S3("S3 (S3Proxy 2.6, filesystem backend)"),
        FEDORA("Fedora 6.0.0 (Tomcat 9, H2)");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static final String BUCKET = "kho-bench";
    private static final String ACCESS_KEY = "kho-bench";
    private static final String SECRET_KEY = "kho-bench-secret";
    private static final String FEDORA_USER = "fedoraAdmin";

    private final Path dir;
    private S3ProxyProcess s3;
    private FedoraProcess fedora;

    BenchReplicas(Path dir) {
        this.dir = dir;
    }

    /** Starts the server {@code kind} needs (none for the filesystem) unless running; returns how long it took. */
    Duration start(Kind kind) {
        long began = System.nanoTime();
        if (kind == Kind.S3 && s3 == null) {
            s3 = S3ProxyProcess.start(dir.resolve("s3proxy"), ACCESS_KEY, SECRET_KEY, ForkedJvm.THROUGHPUT);
            s3.createBucket(BUCKET);
        } else if (kind == Kind.FEDORA && fedora == null) {
            fedora =
                    FedoraProcess.start(dir.resolve("fedora"), FEDORA_USER, SECRET_KEY, Map.of(), ForkedJvm.THROUGHPUT);
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    /**
     * A new, empty replica of {@code kind} called {@code name}: directory {@code name}, key prefix {@code name/} or
     * container {@code kho-bench/name}. Its server must have been {@link #start started}.
     */
    Replica replica(Kind kind, String name) {
        return switch (kind) {
            case FILESYSTEM ->
                new CopyingFilesystemReplica(name, dir.resolve("replicas").resolve(name));
            case S3 ->
                new S3Replica(
                        name,
                        S3ReplicaConfig.of(
                                s3.endpoint(), S3ProxyProcess.REGION, BUCKET, name + "/", ACCESS_KEY, SECRET_KEY));
            case FEDORA ->
                new FedoraReplica(
                        name, new FedoraReplicaConfig(fedora.restUrl(), FEDORA_USER, SECRET_KEY, "kho-bench/" + name));
        };
    }

    @Override
    public void close() {
        if (fedora != null) {
            fedora.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /**
     * A filesystem replica that never takes staged files by hard link: what every filesystem replica but the first
     * does in an ingest, and what a catch-up does. Linking would measure the link, not the copy.
     */
    private static final class CopyingFilesystemReplica extends FilesystemReplica {
        CopyingFilesystemReplica(String id, Path root) {
            super(id, root);
        }

        @Override
        public boolean canLink(Path stagedDir) {
            return false;
        }
    }
}
