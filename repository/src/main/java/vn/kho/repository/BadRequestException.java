package vn.kho.repository;

/** Outcome: BadRequest. Default code {@code BAD_REQUEST}. */
public class BadRequestException extends KhoException {
    public BadRequestException(String message) {
        super("BAD_REQUEST", message);
    }

    public BadRequestException(String code, String message) {
        super(code, message);
    }

    public BadRequestException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
