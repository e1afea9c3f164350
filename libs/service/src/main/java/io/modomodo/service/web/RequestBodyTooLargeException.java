package io.modomodo.service.web;

import java.io.IOException;

/**
 * Thrown by the body stream of {@link RequestBodyLimitFilter} past the limit. An {@link IOException},
 * so it travels through the JSON reader like any read error; {@link ServiceExceptionHandler} finds it
 * among the causes and answers 413.
 */
public final class RequestBodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }
}
