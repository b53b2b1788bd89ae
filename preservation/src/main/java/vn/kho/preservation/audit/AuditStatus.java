package vn.kho.preservation.audit;

/** Where an audit run stands. */
public enum AuditStatus {
    /** Started (or resumed after a restart) and not yet ended. */
    RUNNING,
    /** Every package in its scope was audited. */
    COMPLETED,
    /** Stopped on request, between packages. */
    CANCELLED,
    /** Stopped by an unexpected error; {@link AuditRun#error()} says which. */
    FAILED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
