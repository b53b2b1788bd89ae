package vn.kho.repository;

/** The state of a stored package. A later issue adds UNDER_REPLICATED. */
public enum PackageState {
    /** Every file of the package has at least one good copy. */
    ACTIVE,
    /**
     * An audit found a file (or the inventory) of the package with no good copy on any replica: an incident is open,
     * and the package stays DAMAGED until an audit finds it whole again.
     */
    DAMAGED
}
