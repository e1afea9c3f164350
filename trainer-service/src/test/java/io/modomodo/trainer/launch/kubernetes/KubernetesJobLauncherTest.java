package io.modomodo.trainer.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The kubernetes launcher against fabric8's mock API server in CRUD mode (it stores and returns objects; no controller runs). */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {

    static final String NAMESPACE = "modomodo";
    static final TrainerEndpoints ENDPOINTS = new TrainerEndpoints(Path.of("/data/checkpoints"), Path.of("/data/datasets"),
            URI.create("http://rollout-service:8081"), URI.create("http://reward-service:8082"));

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final List<KubernetesJobLauncher> launchers = new ArrayList<>();

    @BeforeEach
    void clean() {
        client.batch().v1().jobs().inNamespace(NAMESPACE).delete();
        client.pods().inNamespace(NAMESPACE).delete();
    }

    @AfterEach
    void close() {
        launchers.forEach(KubernetesJobLauncher::close);
    }

    private KubernetesJobLauncher launcher(KubernetesLauncherProperties properties) {
        KubernetesJobLauncher launcher = new KubernetesJobLauncher(client, NAMESPACE,
                new TrainerJobFactory(properties, ENDPOINTS, "modomodo/trainer-service:0.1.0"),
                new JobTemplates(properties, ENDPOINTS), store, Duration.ofSeconds(30), properties.maxRecreations(),
                new SimpleMeterRegistry());
        launchers.add(launcher);
        return launcher;
    }

    private KubernetesJobLauncher launcher() {
        return launcher(KubernetesLauncherProperties.defaults());
    }

    static KubernetesLauncherProperties gpuPool() {
        return new KubernetesLauncherProperties(null, null, "trainer-job",
                new KubernetesLauncherProperties.Resources("4", "24Gi", 2, null),
                Map.of("nvidia.com/gpu.present", "true"),
                List.of(new KubernetesLauncherProperties.Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule", null)),
                4, 7200L, 600, "checkpoints", "datasets", "trainer-database", null, null, null, null, 2);
    }

    static LaunchRequest request(String study) {
        Map<String, Double> mixture = new LinkedHashMap<>();
        mixture.put("count", 0.5);
        mixture.put("color", 0.25);
        mixture.put("grounding", 0.25);
        return new LaunchRequest(UUID.randomUUID(), study, mixture, 40, 7, null);
    }

    private LaunchRequest running(String study) {
        LaunchRequest request = request(study);
        store.running(request);
        return request;
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
    }

    private Job job(UUID id) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(JobLabels.jobName(id)).get();
    }

    private void condition(UUID id, String type, String reason, String message) {
        Job job = job(id);
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType(type).withStatus("True")
                .withReason(reason).withMessage(message).build()).build());
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    }

    @Test
    void makesOneJobRunningTheTrainerImageInSingleJobModeWithTheConfiguredPlacementAndLimits() {
        LaunchRequest request = running("study-7");
        assertThat(launcher(gpuPool()).launch(request)).isTrue();

        Job job = job(request.jobId());
        assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "trainer-job")
                .containsEntry("modomodo.io/job-id", request.jobId().toString())
                .containsEntry("modomodo.io/study", "study-7")
                .containsEntry("app.kubernetes.io/managed-by", "trainer-service");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(4);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(7200L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);
        assertThat(job.getSpec().getPodFailurePolicy().getRules()).singleElement()
                .satisfies(rule -> assertThat(rule.getAction()).isEqualTo("Ignore"));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/name", "trainer-job");

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getServiceAccountName()).isEqualTo("trainer-job");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null)
                .extracting(v -> v.getPersistentVolumeClaim().getClaimName()).containsExactly("checkpoints", "datasets");

        Container container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("modomodo/trainer-service:0.1.0");
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("24Gi"));
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("4"));
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/data/checkpoints"));
        Map<String, EnvVar> env = new LinkedHashMap<>();
        container.getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.get(TrainerJobFactory.RUN_JOB_VARIABLE).getValue()).isEqualTo(request.jobId().toString());
        assertThat(env.get("MODOMODO_TRAINER_CHECKPOINTDIR").getValue()).isEqualTo("/data/checkpoints");
        assertThat(env.get("MODOMODO_TRAINER_DATAROOT").getValue()).isEqualTo("/data/datasets");
        assertThat(container.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/data/datasets");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(env.get("MODOMODO_TRAINER_SERVICES_REWARD").getValue()).isEqualTo("http://reward-service:8082");
        assertThat(env.get("MODOMODO_TRAINER_SERVICES_ROLLOUT").getValue()).isEqualTo("http://rollout-service:8081");
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("trainer-database");
        assertThat(env.get("SPRING_DATASOURCE_URL").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url");
    }

    @Test
    void asksForNoGpuWhenNoneIsConfigured() {
        LaunchRequest request = running(null);
        launcher().launch(request);
        Job job = job(request.jobId());
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsOnlyKeys("memory");
        assertThat(job.getMetadata().getLabels()).doesNotContainKey("modomodo.io/study");
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull();
    }

    @Test
    void launchesAStudysPilotsAsOneJobEachSideBySideAndLetsThemEndAsTheirPodsRecordIt() {
        KubernetesJobLauncher launcher = launcher(gpuPool());
        List<LaunchRequest> pilots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pilots.add(running("study-42"));
        }
        pilots.forEach(launcher::launch);

        assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).withLabel("modomodo.io/study", "study-42").list()
                .getItems()).hasSize(5);
        assertThat(launcher.reconcile()).isEqualTo(new KubernetesJobLauncher.Report(0, 0, 0));

        // Each pod ends its job row (single-job mode), then its Job completes.
        for (LaunchRequest pilot : pilots) {
            store.end(pilot.jobId(), "SUCCEEDED");
            condition(pilot.jobId(), "Complete", null, null);
        }
        assertThat(launcher.reconcile()).isEqualTo(new KubernetesJobLauncher.Report(0, 0, 0));
        assertThat(pilots).allSatisfy(p -> assertThat(store.row(p.jobId()).status()).isEqualTo("SUCCEEDED"));
        assertThat(jobs()).hasSize(5);
    }

    @Test
    void failsTheJobWithTheReasonOfTheFailedJobAndItsLastPod() {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher();
        launcher.launch(request);
        String name = JobLabels.jobName(request.jobId());
        Pod pod = new PodBuilder().withNewMetadata().withName(name + "-x7k2p").addToLabels("job-name", name)
                .withCreationTimestamp("2026-12-02T09:00:00Z").endMetadata()
                .withNewStatus().withPhase("Failed")
                    .addNewContainerStatus().withName("trainer").withNewState().withNewTerminated()
                        .withReason("OOMKilled").withExitCode(137).endTerminated().endState().endContainerStatus()
                .endStatus().build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
        condition(request.jobId(), "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        assertThat(launcher.reconcile().ended()).isEqualTo(1);
        InMemoryJobStore.Row row = store.row(request.jobId());
        assertThat(row.status()).isEqualTo("FAILED");
        assertThat(row.error()).contains("BackoffLimitExceeded").contains("backoff limit")
                .contains(name + "-x7k2p").contains("OOMKilled").contains("exit code 137");
        assertThat(launcher.reconcile()).as("a second pass changes nothing").isEqualTo(new KubernetesJobLauncher.Report(0, 0, 0));
    }

    @Test
    void failsAJobWhoseJobCompletedWithoutItsPodRecordingAnEnd() {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher();
        launcher.launch(request);
        condition(request.jobId(), "Complete", null, null);
        launcher.reconcile();
        assertThat(store.row(request.jobId()).status()).isEqualTo("FAILED");
        assertThat(store.row(request.jobId()).error()).contains("completed but the job recorded no end");
    }

    @Test
    void makesTheJobAgainWhenItIsDeletedUnderARunningJobAndOnlyOnce() {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher(gpuPool());
        launcher.launch(request);
        Job before = job(request.jobId());
        client.batch().v1().jobs().inNamespace(NAMESPACE).withName(JobLabels.jobName(request.jobId())).delete();
        assertThat(job(request.jobId())).isNull();

        assertThat(launcher.reconcile().remade()).isEqualTo(1);
        Job after = job(request.jobId());
        assertThat(after.getMetadata().getUid()).isNotEqualTo(before.getMetadata().getUid());
        assertThat(after.getSpec().getTemplate()).as("same pod: same job id, database and checkpoint volume, so it resumes")
                .isEqualTo(before.getSpec().getTemplate());
        assertThat(launcher.reconcile().remade()).isZero();
        assertThat(jobs()).hasSize(1);
        assertThat(store.row(request.jobId()).status()).isEqualTo("RUNNING");
    }

    @Test
    void failsTheJobWhenItsJobKeepsVanishing() {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher(gpuPool());
        launcher.launch(request);
        for (int i = 0; i < 3; i++) {
            client.batch().v1().jobs().inNamespace(NAMESPACE).withName(JobLabels.jobName(request.jobId())).delete();
            launcher.reconcile();
        }
        assertThat(store.row(request.jobId()).status()).isEqualTo("FAILED");
        assertThat(store.row(request.jobId()).error()).contains("vanished 3 times").contains("max-recreations=2");
    }

    @Test
    void deletesTheJobOfACancelledJob() {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher();
        launcher.launch(request);
        store.end(request.jobId(), "CANCELLED");
        assertThat(launcher.cancel(request.jobId())).isTrue();
        assertThat(job(request.jobId())).isNull();
        assertThat(launcher.cancel(request.jobId())).as("nothing left to delete").isFalse();

        LaunchRequest other = running("s");
        launcher.launch(other);
        store.end(other.jobId(), "CANCELLED");
        assertThat(launcher.reconcile().deleted()).isEqualTo(1);
        assertThat(jobs()).isEmpty();
        assertThat(launcher.reconcile()).as("a cancelled job is not made again").isEqualTo(new KubernetesJobLauncher.Report(0, 0, 0));
    }

    @Test
    void deletesTheJobOfAJobWhoseCancelWasAskedForAndEndsItCancelled() {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher();
        launcher.launch(request);
        store.requestCancel(request.jobId());

        assertThat(launcher.reconcile()).isEqualTo(new KubernetesJobLauncher.Report(0, 1, 1));
        assertThat(jobs()).isEmpty();
        assertThat(store.row(request.jobId()).status()).isEqualTo("CANCELLED");
        assertThat(launcher.reconcile()).isEqualTo(new KubernetesJobLauncher.Report(0, 0, 0));
    }

    @Test
    void aRestartedServiceAdoptsItsJobsAndStartsNoSecondOne() {
        KubernetesJobLauncher first = launcher(gpuPool());
        List<LaunchRequest> jobs = List.of(running("s"), running("s"), running("s"));
        jobs.forEach(first::launch);
        first.close();

        KubernetesJobLauncher restarted = launcher(gpuPool());
        assertThat(restarted.reconcile()).isEqualTo(new KubernetesJobLauncher.Report(0, 0, 0));
        assertThat(restarted.launch(jobs.get(0))).as("launching again adopts").isFalse();
        assertThat(jobs()).hasSize(3);
    }

    @Test
    void watchesItsJobsAndMakesADeletedOneAgainWithoutWaitingForTheResync() throws InterruptedException {
        LaunchRequest request = running("s");
        KubernetesJobLauncher launcher = launcher();
        launcher.launch(request);
        String uid = job(request.jobId()).getMetadata().getUid();
        launcher.start();
        client.batch().v1().jobs().inNamespace(NAMESPACE).withName(JobLabels.jobName(request.jobId())).delete();

        Job remade = null;
        for (int i = 0; i < 100 && remade == null; i++) {
            Job job = job(request.jobId());
            if (job != null && !job.getMetadata().getUid().equals(uid)) {
                remade = job;
            }
            Thread.sleep(100);
        }
        assertThat(remade).as("made again by the watch within 10 s (resync is 30 s)").isNotNull();
    }

    @Test
    void failsAJobThatNamesAnUnknownTemplateSayingWhichTemplatesThereAre() {
        LaunchRequest request = new LaunchRequest(UUID.randomUUID(), "s", Map.of("count", 1.0), 10, 1, "verl");
        KubernetesJobLauncher launcher = launcher();
        assertThatThrownBy(() -> launcher.launch(request)).isInstanceOf(JobTemplateException.class)
                .hasMessageContaining("no Job template named 'verl'");
        store.running(request);
        launcher.reconcile();
        assertThat(store.row(request.jobId()).status()).isEqualTo("FAILED");
        assertThat(store.row(request.jobId()).error()).contains("'verl'");
        assertThat(jobs()).isEmpty();
    }
}
