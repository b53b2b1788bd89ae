package vn.kho.repository;

/**
 * The one unchecked exception root of Kho. Every subclass is named by outcome and carries a stable
 * UPPER_SNAKE {@link #code()} that clients and policies can rely on. The HTTP layer maps subclasses to
 * status codes in exactly one place.
 */
public class KhoException extends RuntimeException {
    private final String code;

    public KhoException(String code, String message) {
        super(message);
        this.code = code;
    }

    public KhoException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
