package vn.kho.repository;

/** The state of a stored package. */
public enum PackageState {
    /** Every configured replica holds a good copy of every file of the package, as far as Kho last saw. */
    ACTIVE,
    /**
     * Every file has a good copy on at least one replica, but some configured replica holds none: the package was
     * stored on the write quorum while a replica was down, a replica was added, or an audit could not repair a copy
     * (its replica down). The catch-up copies it there; an incident is open when the ingest left it so.
     */
    UNDER_REPLICATED,
    /**
     * An audit found a file (or the inventory) of the package with no good copy on any replica: an incident is open,
     * and the package stays DAMAGED until an audit finds it whole again.
     */
    DAMAGED
}
