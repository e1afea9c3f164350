package io.modomodo.trainer.launch.kubernetes;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modomodo.trainer.launch.JobLauncher;

/**
 * {@code modomodo.trainer.launcher=kubernetes}: a submitted job gets its Job at once; a cancelled one loses it
 * and ends CANCELLED (its pod, killed, cannot record that). When the API server cannot be reached the job stays
 * QUEUED and the reconciler makes its Job on its next pass.
 */
public class KubernetesTrainingLauncher implements JobLauncher {

    private static final Logger log = LoggerFactory.getLogger(KubernetesTrainingLauncher.class);

    private final KubernetesJobLauncher jobs;
    private final KubernetesJobTable table;

    public KubernetesTrainingLauncher(KubernetesJobLauncher jobs, KubernetesJobTable table) {
        this.jobs = jobs;
        this.table = table;
    }

    @Override
    public void launch(UUID jobId) {
        table.request(jobId).ifPresent(request -> {
            try {
                jobs.launch(request);
            }
            catch (JobTemplateException ex) {
                table.fail(jobId, ex.getMessage());
            }
            catch (KubernetesClientException ex) {
                log.warn("could not make the Kubernetes Job of job {} now ({}); the reconciler tries again", jobId,
                        ex.getMessage());
            }
        });
    }

    @Override
    public void cancel(UUID jobId) {
        if (!table.isCancelled(jobId)) {
            return;
        }
        try {
            jobs.cancel(jobId);
            table.endCancelled(jobId);
        }
        catch (KubernetesClientException ex) {
            log.warn("could not delete the Kubernetes Job of cancelled job {} now ({}); the reconciler tries again",
                    jobId, ex.getMessage());
        }
    }
}
