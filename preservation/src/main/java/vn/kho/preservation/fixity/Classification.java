package vn.kho.preservation.fixity;

/** What an audit found about one copy: of a file, of a replica's inventory, or of a file no inventory knows. */
public enum Classification {
    /** Read whole; its sha256 and size are what the index (for an inventory: its sidecar) states. */
    OK,
    /** Read whole, but its sha256 or its size differs from the index's. */
    MISMATCH,
    /** Absent from the replica (or, for an inventory, the replica holds no object at all). */
    MISSING,
    /** An I/O error stopped the read, or the object's files could not be listed. */
    UNREADABLE,
    /** A file in the object's directory that no inventory references. */
    EXTRA,
    /**
     * The replica's inventory is missing, disagrees with its sidecar, is not a valid OCFL inventory, differs from the
     * head version's copy of it, or disagrees with the index about the head version's files.
     */
    INVENTORY_CORRUPT;

    /** The index's name for this outcome ({@link vn.kho.storage.CopyStatus#outcome()}). */
    public String outcome() {
        return name();
    }
}
