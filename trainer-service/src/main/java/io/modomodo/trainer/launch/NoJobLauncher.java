package io.modomodo.trainer.launch;

import java.util.UUID;

/** {@code launcher: none}: this replica accepts jobs but runs none (another replica or a Job pod does). */
public class NoJobLauncher implements JobLauncher {

    @Override
    public void launch(UUID jobId) {
    }

    @Override
    public void cancel(UUID jobId) {
    }
}
