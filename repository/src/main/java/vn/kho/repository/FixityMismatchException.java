package vn.kho.repository;

/** Outcome: FixityMismatch. Default code {@code FIXITY_MISMATCH}. */
public class FixityMismatchException extends KhoException {
    public FixityMismatchException(String message) {
        super("FIXITY_MISMATCH", message);
    }

    public FixityMismatchException(String code, String message) {
        super(code, message);
    }

    public FixityMismatchException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
