package io.modomodo.reward.web;

import java.io.IOException;

/** The request body grew past the limit while it was being read. */
class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long limit;

    BodyTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
