package io.modomodo.policy.checkpoint;

/** No checkpoint with the requested version exists in the store. */
public class CheckpointNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** For the given version. */
    public CheckpointNotFoundException(long version) {
        super("no checkpoint with version " + version);
    }
}
