package io.modomodo.domains.jsonl;

/** A bad line in a dataset loaded with {@link JsonlReader.OnBadLine#FAIL}; the message is {@code file:line: reason}. */
public final class DatasetFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient BadLine badLine;

    /** An exception for this bad line. */
    public DatasetFormatException(BadLine badLine) {
        super(badLine.toString());
        this.badLine = badLine;
    }

    /** The bad line. */
    public BadLine badLine() {
        return badLine;
    }
}
