package io.modomodo.api.problem;

/**
 * The request is valid but contradicts the current state of a resource. {@code field} names the input
 * that conflicts ({@code externalId} for an idempotency key reused with another body), or is null.
 */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ConflictException(String message) {
        this(null, message);
    }

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
