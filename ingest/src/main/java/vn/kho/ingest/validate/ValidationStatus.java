package vn.kho.ingest.validate;

/** What became of one file's validation. */
public enum ValidationStatus {
    /** JHOVE found the file well-formed and valid. */
    VALID,
    /** JHOVE found the file well-formed but not valid (or could not decide validity). */
    WELL_FORMED,
    /** JHOVE found the file not well-formed, or its module failed on the file. */
    NOT_WELL_FORMED,
    /** No JHOVE module applies to the file's media type; nothing was checked. */
    NOT_VALIDATED,
    /** Validation took longer than the per-file limit; the worker was killed and replaced. */
    TIMED_OUT,
    /** The worker JVM died on the file (out of memory, or another crash) and was replaced. */
    CRASHED
}
