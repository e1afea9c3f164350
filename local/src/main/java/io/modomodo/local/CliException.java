package io.modomodo.local;

/**
 * A failure the user can act on, printed as one line ({@code modomodo: <message>}) without a stack
 * trace: a port in use, a missing jar, a study that failed.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(String message) {
        this(message, 1, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
