package vn.kho.storage.ocfl;

import vn.kho.storage.Replica;
import vn.kho.storage.ReplicaContract;

/** The replica contract, for an OCFL storage root on the local filesystem. */
class FilesystemReplicaContractTest extends ReplicaContract {
    @Override
    protected Replica newReplica(String id) {
        return new FilesystemReplica(id, tmp.resolve("replicas").resolve(id));
    }
}
