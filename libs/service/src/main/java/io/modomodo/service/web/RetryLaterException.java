package io.modomodo.service.web;

import java.time.Duration;

/**
 * The service cannot take the request now, but may later: {@link ServiceExceptionHandler} answers
 * 429 (too busy: {@link #tooBusy}) or 503 (not able to serve in time: {@link #unavailable}) with a
 * {@code Retry-After} header in whole seconds.
 */
public final class RetryLaterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean busy;
    private final long retryAfterSeconds;

    private RetryLaterException(boolean busy, String message, Duration retryAfter) {
        super(message);
        this.busy = busy;
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** 429: a queue or a rate limit is full. */
    public static RetryLaterException tooBusy(String message, Duration retryAfter) {
        return new RetryLaterException(true, message, retryAfter);
    }

    /** 503: the request was accepted but could not be served in time, or a dependency is down. */
    public static RetryLaterException unavailable(String message, Duration retryAfter) {
        return new RetryLaterException(false, message, retryAfter);
    }

    /** Whether this is a 429 (else a 503). */
    public boolean busy() {
        return busy;
    }

    /** Seconds the caller should wait, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
