package vn.kho.preservation.fixity;

/** Where an incident stands. */
public enum IncidentState {
    /** Found, not yet resolved: the package is DAMAGED. */
    OPEN,
    /** An audit found the package whole again. */
    RESOLVED
}
