package vn.kho.storage;

/** A replica's answer to "can you take and give bytes now?". */
public record ReplicaHealth(String replicaId, boolean up, String detail) {}
