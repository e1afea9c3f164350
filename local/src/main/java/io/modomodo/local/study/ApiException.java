package io.modomodo.local.study;

import io.modomodo.local.CliException;

/**
 * A call to the gateway that failed: with the HTTP status and the problem's detail, or status 0 when
 * nothing answered. {@link #isTransient()} tells a hiccup worth retrying (no answer, 502–504, 429)
 * from an answer that will not change.
 */
public class ApiException extends CliException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isTransient() {
        return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
    }
}
