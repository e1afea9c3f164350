package io.modomodo.api.problem;

import java.io.IOException;

/**
 * The request body is larger than the service accepts; thrown by {@link BodyLimitFilter} while the
 * body streams in (an {@link IOException}, so the JSON reader passes it up as a read failure) and
 * answered as 413 {@code limit-exceeded} with the limit by {@link ApiExceptionHandler}.
 */
public class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
