package vn.kho.ingest.policy;

/** A policy file that cannot be used; the message names the file and the setting. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
