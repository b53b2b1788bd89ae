package vn.kho.storage.s3;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaContract;

/** The replica contract, for an OCFL storage root in a bucket of a real S3 server (S3Proxy, in its own JVM). */
class S3ReplicaContractTest extends ReplicaContract {
    @TempDir
    static Path serverDir;

    static S3ProxyServer server;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Each replica in a bucket of its own, under a key prefix, as a shared bucket would be used. */
    @Override
    protected Replica newReplica(String id) {
        String bucket = "kho-" + UUID.randomUUID();
        server.createBucket(bucket);
        return new S3Replica(id, server.replicaConfig(bucket, "archive/" + id));
    }
}
