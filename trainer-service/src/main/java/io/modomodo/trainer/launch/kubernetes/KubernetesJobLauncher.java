package io.modomodo.trainer.launch.kubernetes;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs training jobs as batch/v1 Jobs and keeps each job and its Job in step. One Job name per job id
 * ({@code train-<uuid>}) makes creation idempotent: a second launch, a restarted service or a second replica
 * finds the Job there (HTTP 409) and adopts it, so no job ever runs twice.
 *
 * <p>{@link #reconcile()} reads the Jobs first and the job table after them (so a job that ended just before
 * its Job completed is seen as ended), then for each unfinished job: no Job → make it again (the pod resumes
 * from the job's last checkpoint; after {@code maxRecreations} the job fails instead); Job failed → the job
 * fails with the Job's and its last pod's reason; Job complete while the job has not ended → the job fails
 * (its pod exited without recording an end). A cancelled job's Job is deleted. It runs on every Job event of
 * the informer and every {@code resync}. A job whose cancel was asked for loses its Job and ends CANCELLED
 * here: its pod, killed, cannot record that itself.
 */
public final class KubernetesJobLauncher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KubernetesJobLauncher.class);

    private final KubernetesClient client;
    private final String namespace;
    private final TrainerJobFactory factory;
    private final JobTemplates templates;
    private final TrainingJobStore store;
    private final Duration resync;
    private final int maxRecreations;
    private final Map<UUID, Integer> recreations = new ConcurrentHashMap<>();
    private final Counter created;
    private final Counter recreated;
    private final Counter failed;
    private final AtomicBoolean reconcilePending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private SharedIndexInformer<Job> informer;

    public KubernetesJobLauncher(KubernetesClient client, String namespace, TrainerJobFactory factory,
            JobTemplates templates, TrainingJobStore store, Duration resync, int maxRecreations, MeterRegistry meters) {
        this.client = client;
        this.namespace = namespace;
        this.factory = factory;
        this.templates = templates;
        this.store = store;
        this.resync = resync;
        this.maxRecreations = maxRecreations;
        this.created = Counter.builder("modomodo.trainer.kubernetes.jobs.created")
                .description("Kubernetes Jobs made for training jobs").register(meters);
        this.recreated = Counter.builder("modomodo.trainer.kubernetes.jobs.recreated")
                .description("Kubernetes Jobs made again after being deleted under a running job").register(meters);
        this.failed = Counter.builder("modomodo.trainer.kubernetes.jobs.failed")
                .description("training jobs failed because their Kubernetes Job failed or vanished").register(meters);
    }

    /** The Job {@code request} runs in, as it would be made (for inspection and tests). */
    public Job jobFor(LaunchRequest request) {
        Job job = request.template() == null ? factory.job(request) : templates.job(request);
        job.getMetadata().setNamespace(namespace);
        return job;
    }

    /**
     * Makes the Job of {@code request}; false when it exists already (adopted, not made twice).
     *
     * @throws JobTemplateException when the job names a template that cannot be made into a Job
     */
    public boolean launch(LaunchRequest request) {
        Job job = jobFor(request);
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
            created.increment();
            log.info("made Kubernetes Job {} for job {}", job.getMetadata().getName(), request.jobId());
            return true;
        }
        catch (KubernetesClientException ex) {
            if (ex.getCode() == 409) {
                log.info("Kubernetes Job {} exists already: adopted", job.getMetadata().getName());
                return false;
            }
            throw ex;
        }
    }

    /** Deletes the job's Job and its pods; whether there was one. */
    public boolean cancel(UUID jobId) {
        List<?> deleted = client.batch().v1().jobs().inNamespace(namespace).withName(JobLabels.jobName(jobId))
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        return deleted != null && !deleted.isEmpty();
    }

    /** One pass over every Job and every unfinished job; see the class comment. */
    public synchronized Report reconcile() {
        Map<UUID, Job> jobs = new HashMap<>();
        for (Job job : client.batch().v1().jobs().inNamespace(namespace)
                .withLabel(JobLabels.MANAGED_BY, JobLabels.MANAGER).list().getItems()) {
            String id = job.getMetadata().getLabels().get(JobLabels.JOB_ID);
            if (id != null) {
                jobs.put(UUID.fromString(id), job);
            }
        }
        int made = 0;
        int ended = 0;
        int deleted = 0;
        for (LaunchRequest request : store.unfinished()) {
            Job job = jobs.remove(request.jobId());
            if (store.isCancelled(request.jobId())) {
                if (job != null && job.getMetadata().getDeletionTimestamp() == null) {
                    cancel(request.jobId());
                    deleted++;
                }
                if (store.endCancelled(request.jobId())) {
                    ended++;
                }
                continue;
            }
            if (job == null) {
                if (remake(request)) {
                    made++;
                }
                else {
                    ended++;
                }
                continue;
            }
            if (job.getMetadata().getDeletionTimestamp() != null) {
                // Being deleted: made again once it is gone.
                continue;
            }
            JobState state = JobState.of(job, pods(job));
            if (state.phase() == JobState.Phase.FAILED) {
                log.warn("failing job {}: {}", request.jobId(), state.reason());
                if (store.fail(request.jobId(), state.reason())) {
                    failed.increment();
                    ended++;
                }
            }
            else if (state.phase() == JobState.Phase.SUCCEEDED) {
                String reason = "Kubernetes Job " + job.getMetadata().getName() + " completed but the job recorded no end"
                        + (request.template() == null ? "" : " (an external trainer must POST its outcome to "
                                + "/api/v1/jobs/" + request.jobId() + "/outcome before it exits)");
                log.warn("failing job {}: {}", request.jobId(), reason);
                if (store.fail(request.jobId(), reason)) {
                    failed.increment();
                    ended++;
                }
            }
        }
        for (Map.Entry<UUID, Job> left : jobs.entrySet()) {
            if (left.getValue().getMetadata().getDeletionTimestamp() == null && store.isCancelled(left.getKey())) {
                cancel(left.getKey());
                deleted++;
            }
        }
        return new Report(made, ended, deleted);
    }

    /** What one reconcile did: Jobs made again, jobs ended, Jobs of cancelled jobs deleted. */
    public record Report(int remade, int ended, int deleted) {
    }

    private boolean remake(LaunchRequest request) {
        int count = recreations.getOrDefault(request.jobId(), 0);
        if (count >= maxRecreations) {
            String reason = "Kubernetes Job " + JobLabels.jobName(request.jobId()) + " vanished " + (count + 1)
                    + " times (modomodo.trainer.kubernetes.max-recreations=" + maxRecreations + ")";
            log.warn("failing job {}: {}", request.jobId(), reason);
            if (store.fail(request.jobId(), reason)) {
                failed.increment();
            }
            recreations.remove(request.jobId());
            return false;
        }
        try {
            // A Job made since this pass listed them (the submission's own launch) is adopted, not counted.
            if (launch(request)) {
                recreations.merge(request.jobId(), 1, Integer::sum);
                recreated.increment();
                log.warn("Kubernetes Job of job {} was missing: made it ({} of at most {}); it resumes from its last "
                        + "checkpoint", request.jobId(), count + 1, maxRecreations);
            }
            return true;
        }
        catch (JobTemplateException ex) {
            if (store.fail(request.jobId(), ex.getMessage())) {
                failed.increment();
            }
            return false;
        }
    }

    private List<Pod> pods(Job job) {
        return client.pods().inNamespace(namespace).withLabel("job-name", job.getMetadata().getName()).list()
                .getItems();
    }

    /** Watches the Jobs and reconciles on each change, and every {@code resync}; reconciles once now. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kubernetes-job-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::reconcileQuietly, 0, resync.toMillis(), TimeUnit.MILLISECONDS);
        informer = client.batch().v1().jobs().inNamespace(namespace).withLabel(JobLabels.MANAGED_BY, JobLabels.MANAGER)
                .inform(new ResourceEventHandler<Job>() {
                    @Override
                    public void onAdd(Job job) {
                        soon();
                    }

                    @Override
                    public void onUpdate(Job before, Job after) {
                        soon();
                    }

                    @Override
                    public void onDelete(Job job, boolean unknownFinalState) {
                        soon();
                    }
                }, 0);
    }

    private void soon() {
        // Events come in bursts (a Job and its status); one pass covers all pending ones.
        if (reconcilePending.compareAndSet(false, true)) {
            executor.execute(() -> {
                reconcilePending.set(false);
                reconcileQuietly();
            });
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        }
        catch (RuntimeException ex) {
            log.warn("reconciling Kubernetes Jobs failed; next try in {}", resync, ex);
        }
    }

    @Override
    public synchronized void close() {
        if (informer != null) {
            informer.close();
            informer = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
