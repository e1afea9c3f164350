package io.modomodo.api.problem;

/** The request is valid but contradicts the current state of a resource. */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
