package vn.kho.storage.fedora;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaContract;

/** The replica contract, for ArchivalGroups in a real Fedora 6.0 (the war in Tomcat 9, in its own JVM). */
class FedoraReplicaContractTest extends ReplicaContract {
    @TempDir
    static Path serverDir;

    static FedoraServer server;

    @BeforeAll
    static void startServer() {
        server = FedoraServer.start(serverDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Each replica in a container of its own, as several Kho replicas (or archives) would share one Fedora. */
    @Override
    protected Replica newReplica(String id) {
        return server.freshReplica(id);
    }
}
