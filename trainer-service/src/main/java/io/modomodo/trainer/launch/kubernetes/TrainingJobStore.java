package io.modomodo.trainer.launch.kubernetes;

import java.util.List;
import java.util.UUID;

/**
 * The launcher's view of the trainer's job table: which jobs it must keep a Job for, and how it ends one.
 * Reads must be fresh (the reconciler reads Kubernetes first and this after it, so a job that ended just
 * before its Job completed is seen as ended).
 */
public interface TrainingJobStore {

    /** Every job handed to the kubernetes launcher that has not ended (SUCCEEDED, FAILED or CANCELLED). */
    List<LaunchRequest> unfinished();

    /** Whether the job's cancel was asked for or recorded (its Job, if any, must go). */
    boolean isCancelled(UUID jobId);

    /**
     * Ends an unfinished job whose cancel was asked for as CANCELLED, once its Job is deleted (its pod, killed,
     * cannot record it); whether it did.
     */
    boolean endCancelled(UUID jobId);

    /** Ends the job as FAILED with {@code reason} unless it has ended already; whether it did. */
    boolean fail(UUID jobId, String reason);
}
