package vn.kho.preservation.fixity;

/** What a repair did. */
public enum RepairKind {
    /** Replaced one content file (which may back several logical paths) with a verified copy from another replica. */
    FILE,
    /** Restored the inventory, its sidecar and the head version's copies of both from another replica. */
    INVENTORY,
    /** Removed a file that no inventory references. */
    EXTRA_REMOVED,
    /** Copied the whole object to a replica that held none of it. */
    OBJECT
}
