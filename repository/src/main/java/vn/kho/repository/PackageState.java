package vn.kho.repository;

/** The state of a stored package. Later issues add DAMAGED and UNDER_REPLICATED. */
public enum PackageState {
    ACTIVE
}
