package io.modomodo.trainer.launch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.modomodo.testing.postgres.RealPostgres;
import io.modomodo.trainer.launch.JobLauncher;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * The trainer-service with {@code modomodo.trainer.launcher=kubernetes} on PostgreSQL, its Kubernetes API being
 * fabric8's mock server in CRUD mode (objects are stored; no Job controller runs, so the test sets Job
 * conditions and, for external trainers, posts their outcomes as their pods would).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
@EnableKubernetesMockClient(crud = true)
class KubernetesLauncherIT {

    static final String NAMESPACE = "training";
    static final String POLICY = "tiny-k8s";

    static KubernetesClient client;

    @TestConfiguration
    static class MockCluster {

        @Bean(destroyMethod = "")
        @Primary
        KubernetesClient mockKubernetesClient() {
            return client;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createDirectories(Path.of("target", "it-store")).toAbsolutePath();
        Path checkpoints = Files.createTempDirectory(root, "k8s-checkpoints-");
        Path data = Files.createTempDirectory(root, "k8s-data-");
        Path template = repoRoot().resolve("k8s/examples/openrlhf/openrlhf-job.yaml");
        Map.of("modomodo.trainer.launcher", "kubernetes",
                "modomodo.trainer.checkpoint-dir", checkpoints.toString(),
                "modomodo.trainer.data-root", data.toString(),
                "modomodo.trainer.kubernetes.namespace", NAMESPACE,
                "modomodo.trainer.kubernetes.image", "modomodo/trainer-service:it",
                "modomodo.trainer.kubernetes.resources.gpus", "1",
                "modomodo.trainer.kubernetes.templates.openrlhf", template.toString(),
                "modomodo.engine.warm-up", "false",
                "modomodo.engine.threads", "1",
                "modomodo.engine.interop-threads", "1").forEach((k, v) -> registry.add(k, () -> v));
    }

    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("k8s/examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no k8s/examples above the working directory");
    }

    @LocalServerPort
    int port;

    @Autowired
    JobLauncher launcher;

    @Autowired
    KubernetesJobLauncher jobs;

    Http http;

    @BeforeEach
    void policy() {
        http = new Http(port);
        if (http.get("/api/v1/policies/" + POLICY).statusCode() == 404) {
            TestServices.createTinyPolicy(http, POLICY);
        }
    }

    static String job(String study, String template) {
        return """
                {"name": "pilot", "policy": {"name": "%s"}, "mixture": {"count": 0.5, "attribute": 0.3, "spatial": 0.2},
                 "steps": 2, "promptsPerStep": 2, "groupSize": 2, "seed": 5,
                 "labels": {"study": "%s"%s}}""".formatted(POLICY, study,
                template == null ? "" : ", \"template\": \"" + template + "\"");
    }

    private String submit(String study, String template) {
        return http.postOk("/api/v1/jobs", job(study, template), 202).path("id").asString();
    }

    private Job kubernetesJob(String id) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName("train-" + id).get();
    }

    private void complete(String id) {
        Job job = kubernetesJob(id);
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Complete")
                .withStatus("True").build()).build());
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    }

    /** The mixture OpenRLHF reads: --data.prompt_dataset and --data.prompt_probs, zipped. */
    private static Map<String, Double> mixtureOf(String script) {
        Matcher datasets = Pattern.compile("--data.prompt_dataset '([^']*)'").matcher(script);
        Matcher probs = Pattern.compile("--data.prompt_probs '([^']*)'").matcher(script);
        assertThat(datasets.find() && probs.find()).as(script).isTrue();
        String[] paths = datasets.group(1).split(",");
        String[] weights = probs.group(1).split(",");
        assertThat(paths).hasSameSizeAs(weights);
        Map<String, Double> mixture = new java.util.HashMap<>();
        for (int i = 0; i < paths.length; i++) {
            mixture.put(paths[i].replace("/data/datasets/", "").replace(".jsonl", ""), Double.parseDouble(weights[i]));
        }
        return mixture;
    }

    private static String outcome(double in) {
        return """
                {"status": "SUCCEEDED", "outcome": {"step": 2, "benchmarks": {"count": {"accuracy": %s, "reward": 1.0,
                 "formatRate": 1.0, "items": 10}}, "inScore": %s, "outScore": 0.25}}""".formatted(in, in);
    }

    @Test
    void runsEveryJobAsItsOwnKubernetesJobThroughTheKubernetesLauncher() {
        assertThat(launcher).isInstanceOf(KubernetesTrainingLauncher.class);
        String id = submit("study-own", null);
        Job job = kubernetesJob(id);
        assertThat(job).as("made on submission").isNotNull();
        assertThat(job.getMetadata().getLabels()).containsEntry("modomodo.io/study", "study-own");
        var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("modomodo/trainer-service:it");
        assertThat(container.getEnv()).extracting(EnvVar::getName).contains("MODOMODO_TRAINER_RUNJOB",
                "MODOMODO_TRAINER_DATAROOT", "SPRING_DATASOURCE_URL");
        assertThat(container.getResources().getLimits()).containsKey("nvidia.com/gpu");
        assertThat(http.getOk("/api/v1/jobs/" + id).path("status").asString()).as("no replica runs it in-process")
                .isEqualTo("QUEUED");

        // Deleted under a job that has not ended: made again, once.
        client.batch().v1().jobs().inNamespace(NAMESPACE).withName("train-" + id).delete();
        jobs.reconcile();
        assertThat(kubernetesJob(id)).isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).withLabel("modomodo.io/job-id", id).list()
                .getItems()).hasSize(1);

        // Cancelled: its Job goes and the job ends CANCELLED.
        http.postOk("/api/v1/jobs/" + id + "/cancel", "", 200);
        assertThat(kubernetesJob(id)).isNull();
        assertThat(http.getOk("/api/v1/jobs/" + id).path("status").asString()).isEqualTo("CANCELLED");
        jobs.reconcile();
        assertThat(kubernetesJob(id)).as("not made again").isNull();
    }

    @Test
    void aStudysExternalPilotsRunAsOneJobEachAtOnceAndEndWithTheOutcomesTheyPost() {
        List<String> pilots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pilots.add(submit("study-ext", "openrlhf"));
        }
        List<Job> made = client.batch().v1().jobs().inNamespace(NAMESPACE).withLabel("modomodo.io/study", "study-ext")
                .list().getItems();
        assertThat(made).as("one Job per pilot, all at once").hasSize(3);
        assertThat(made).allSatisfy(job -> assertThat(mixtureOf(String.join(" ", job.getSpec().getTemplate().getSpec()
                .getContainers().get(0).getArgs()))).isEqualTo(Map.of("count", 0.5, "attribute", 0.3, "spatial", 0.2)));

        for (int i = 0; i < pilots.size(); i++) {
            String id = pilots.get(i);
            JsonNode ended = http.postOk("/api/v1/jobs/" + id + "/outcome", outcome(0.5 + i / 10.0), 200);
            assertThat(ended.path("status").asString()).isEqualTo("SUCCEEDED");
            complete(id);
        }
        jobs.reconcile();
        JsonNode study = http.getOk("/api/v1/jobs?label=study=study-ext");
        assertThat(study.path("total").asLong()).isEqualTo(3);
        study.path("jobs").forEach(job -> {
            assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.path("outcome").path("outScore").asDouble()).isEqualTo(0.25);
        });
    }

    @Test
    void takesAnExternalOutcomeOnceAndRepeatsItButRefusesAnotherEnd() {
        String id = submit("study-x", "openrlhf");
        HttpResponse<String> bad = http.post("/api/v1/jobs/" + id + "/outcome", "{\"status\": \"SUCCEEDED\"}");
        http.assertProblem(bad, 400, "outcome");
        http.assertProblem(http.post("/api/v1/jobs/" + id + "/outcome", "{\"status\": \"DONE\"}"), 400, "status");
        http.assertProblem(http.post("/api/v1/jobs/" + id + "/outcome", "{\"status\": \"FAILED\"}"), 400, "error");

        assertThat(http.postOk("/api/v1/jobs/" + id + "/outcome", outcome(0.75), 200).path("outcome")
                .path("inScore").asDouble()).isEqualTo(0.75);
        assertThat(http.postOk("/api/v1/jobs/" + id + "/outcome", outcome(0.75), 200).path("status").asString())
                .as("a repeated post answers the same end").isEqualTo("SUCCEEDED");
        assertThat(http.post("/api/v1/jobs/" + id + "/outcome", outcome(0.5)).statusCode()).isEqualTo(409);
        assertThat(http.post("/api/v1/jobs/" + id + "/outcome",
                "{\"status\": \"FAILED\", \"error\": \"late\"}").statusCode()).isEqualTo(409);

        String own = submit("study-x", null);
        assertThat(http.post("/api/v1/jobs/" + own + "/outcome", outcome(0.75)).statusCode())
                .as("the trainer's own jobs record their end themselves").isEqualTo(409);
        assertThat(http.post("/api/v1/jobs/00000000-0000-0000-0000-000000000000/outcome", outcome(0.75))
                .statusCode()).isEqualTo(404);
        http.assertProblem(http.post("/api/v1/jobs/nope/outcome", outcome(0.75)), 400, "id");
    }

    @Test
    void failsAJobWhoseKubernetesJobFailedWithTheJobsReason() {
        String id = submit("study-f", null);
        Job job = kubernetesJob(id);
        job.setStatus(new JobStatusBuilder().withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason("DeadlineExceeded").withMessage("Job was active longer than specified deadline")
                .build()).build());
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
        jobs.reconcile();
        JsonNode failed = http.getOk("/api/v1/jobs/" + id);
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("DeadlineExceeded");
    }
}
