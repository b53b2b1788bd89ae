package vn.kho.api.http;

import vn.kho.repository.KhoException;

/** An HTTP-level refusal with its own status (413, 415, 403, 406, ...): the route knows the status, not the domain. */
public final class ApiException extends KhoException {
    private final int status;

    public ApiException(int status, String code, String message) {
        super(code, message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
