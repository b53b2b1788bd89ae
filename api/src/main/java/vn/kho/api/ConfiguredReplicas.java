package vn.kho.api;

import vn.kho.api.config.KhoConfig;
import vn.kho.storage.Replica;
import vn.kho.storage.fedora.FedoraReplica;
import vn.kho.storage.ocfl.FilesystemReplica;
import vn.kho.storage.s3.S3Replica;

/** Opens the replica a configuration names, of whichever kind: used by the server and by the offline tools. */
public final class ConfiguredReplicas {
    private ConfiguredReplicas() {}

    public static Replica open(KhoConfig.ReplicaConfig config) {
        return switch (config.kind()) {
            case "s3" -> new S3Replica(config.id(), config.s3());
            case "fedora" -> new FedoraReplica(config.id(), config.fedora());
            default -> new FilesystemReplica(config.id(), config.path());
        };
    }
}
