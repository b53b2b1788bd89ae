package vn.kho.repository;

/** How much a finding matters: an {@link #ERROR} rejects a package, a {@link #WARNING} is kept on record. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
