package io.modomodo.rewards;

/**
 * A gold answer or a parameter that a verifier cannot accept. {@link #field()} is relative to the
 * item ({@code answer}, {@code params.absTol}); callers prefix it with the item's position.
 */
public class VerifierInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public VerifierInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field, relative to the item. */
    public String field() {
        return field;
    }
}
