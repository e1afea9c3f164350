package io.modomodo.api.problem;

/**
 * The caller sent something the service cannot accept. {@code field} is a JSON-pointer-like path
 * ({@code items[3].answer}) so the caller can find the offending value without reading prose.
 */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
