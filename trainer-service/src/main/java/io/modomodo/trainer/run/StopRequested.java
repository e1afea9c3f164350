package io.modomodo.trainer.run;

/** Thrown out of a wait when the job was cancelled, its lease was lost or the replica is stopping. */
public class StopRequested extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StopRequested(String reason) {
        super(reason, null, false, false);
    }
}
