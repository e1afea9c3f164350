package io.modomodo.api.problem;

/** A named resource does not exist. */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String resource, Object id) {
        super(resource + " " + id + " does not exist");
    }
}
