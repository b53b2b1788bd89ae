package vn.kho.repository;

/** Outcome: StorageFailure. Default code {@code STORAGE_FAILURE}. */
public class StorageFailureException extends KhoException {
    public StorageFailureException(String message) {
        super("STORAGE_FAILURE", message);
    }

    public StorageFailureException(String code, String message) {
        super(code, message);
    }

    public StorageFailureException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
