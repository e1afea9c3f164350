package io.modomodo.trainer.launch;

import java.util.UUID;

/**
 * Where a queued job gets run. The in-process launcher runs it on a replica of this service; a Kubernetes launcher
 * starts a pod running this same jar with {@code modomodo.trainer.run-job=<id>}. Either way the job is claimed with
 * a lease in the database, so whichever runner gets it first runs it and no job runs twice at once.
 */
public interface JobLauncher {

    /** Called after a job was stored as QUEUED: start running it soon. */
    void launch(UUID jobId);

    /** Called after a cancel was recorded: stop the job now if it runs here (it stops at its next step anyway). */
    void cancel(UUID jobId);
}
