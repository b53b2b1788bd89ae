package vn.kho.repository.signature;

import java.nio.file.Path;
import vn.kho.repository.KhoException;

/** The trust folder cannot be used; the message names the file and what is wrong with it. Code {@code TRUST_STORE_INVALID}. */
public final class TrustStoreException extends KhoException {
    public TrustStoreException(Path file, String problem) {
        super("TRUST_STORE_INVALID", "trust store file '" + file + "': " + problem);
    }

    public TrustStoreException(Path file, String problem, Throwable cause) {
        super("TRUST_STORE_INVALID", "trust store file '" + file + "': " + problem, cause);
    }
}
