package io.modomodo.policy.checkpoint;

/** A checkpoint whose files do not match its manifest (or that has no valid manifest); it is not loaded. */
public class CheckpointCorruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the checkpoint and the file. */
    public CheckpointCorruptedException(String message) {
        super(message);
    }

    /** With a message and the cause. */
    public CheckpointCorruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
