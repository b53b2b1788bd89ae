package vn.kho.repository;

/** Outcome: NotFound. Default code {@code NOT_FOUND}. */
public class NotFoundException extends KhoException {
    public NotFoundException(String message) {
        super("NOT_FOUND", message);
    }

    public NotFoundException(String code, String message) {
        super(code, message);
    }

    public NotFoundException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
