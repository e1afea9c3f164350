package io.modomodo.api.problem;

/** A request is larger than a documented limit; the message states the limit. */
public class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final long limit;

    public LimitExceededException(String field, long limit, String message) {
        super(message);
        this.field = field;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    public long limit() {
        return limit;
    }
}
