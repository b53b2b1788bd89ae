package vn.kho.preservation.fixity;

import java.util.Objects;
import vn.kho.storage.Replica;

/** A copy verified in this run that a repair may read from: which replica, and where the file is in its object. */
record Source(Replica replica, String objectPath) {
    Source {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(objectPath, "objectPath");
    }
}
