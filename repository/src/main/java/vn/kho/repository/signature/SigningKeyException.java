package vn.kho.repository.signature;

import vn.kho.repository.KhoException;

/**
 * The archive's signing key cannot be opened, created or used. Codes: {@code SIGNING_KEY_MISSING} (no such file),
 * {@code SIGNING_KEY_WRONG_PASSWORD}, {@code SIGNING_KEY_UNREADABLE} (not a PKCS#12 file, no usable key entry, I/O
 * failure), {@code SIGNING_KEY_SUBJECT_INVALID} (the subject name given for a new key does not parse), {@code
 * SIGNING_FAILED}.
 */
public final class SigningKeyException extends KhoException {
    public SigningKeyException(String code, String message) {
        super(code, message);
    }

    public SigningKeyException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
