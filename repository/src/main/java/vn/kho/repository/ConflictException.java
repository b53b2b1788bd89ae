package vn.kho.repository;

/** Outcome: Conflict. Default code {@code CONFLICT}. */
public class ConflictException extends KhoException {
    public ConflictException(String message) {
        super("CONFLICT", message);
    }

    public ConflictException(String code, String message) {
        super(code, message);
    }

    public ConflictException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
