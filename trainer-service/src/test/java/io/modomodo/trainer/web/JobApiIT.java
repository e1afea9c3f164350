package io.modomodo.trainer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.testing.postgres.RealPostgres;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * Jobs through HTTP on PostgreSQL, with the reward-service jar and a rollout endpoint running: the lifecycle of a
 * tiny job, its metrics, evaluations and events, validation, idempotent submission, listing and cancelling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class JobApiIT {

    static final String POLICY = "tiny-api";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.get().trainerProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void policy() {
        http = new Http(port);
        if (http.get("/api/v1/policies/" + POLICY).statusCode() == 404) {
            TestServices.createTinyPolicy(http, POLICY);
        }
    }

    static String job(String extra) {
        return """
                {"name": "tiny", "policy": {"name": "%s"}, "mixture": {"count": 0.5, "attribute": 0.5},
                 "steps": 2, "promptsPerStep": 2, "groupSize": 2, "sampling": {"maxNewTokens": 8},
                 "eval": {"every": 1, "benchmarks": ["count", "ood-compare"], "itemsPerBenchmark": 2},
                 "checkpoint": {"every": 1, "keep": 2}, "seed": 5%s}""".formatted(POLICY, extra);
    }

    @Test
    void runsAJobFromQueuedToSucceededWithMetricsEvaluationsOutcomeAndEvents() throws Exception {
        HttpResponse<String> submitted = http.post("/api/v1/jobs", job(", \"labels\": {\"team\": \"vision\"}"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        JsonNode job = Http.JSON.readTree(submitted.body());
        String id = job.path("id").asString();
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        assertThat(job.path("status").asString()).isIn("QUEUED", "RUNNING");
        // Every default is filled in the stored spec.
        assertThat(job.path("spec").path("grpo").path("learningRate").asDouble()).isEqualTo(2e-4);
        assertThat(job.path("spec").path("policy").path("version").asLong()).isEqualTo(1);

        JsonNode done = http.await("/api/v1/jobs/" + id, j -> j.path("status").asString().matches(
                "SUCCEEDED|FAILED|CANCELLED"), Duration.ofMinutes(3));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("step").asInt()).isEqualTo(2);
        assertThat(done.path("startedAt").isNull()).isFalse();
        assertThat(done.path("finishedAt").isNull()).isFalse();
        assertThat(done.path("latestCheckpoint").path("step").asInt()).isEqualTo(2);
        assertThat(done.path("latestCheckpoint").path("weightsSha256").asString()).hasSize(64);

        JsonNode steps = http.getOk("/api/v1/jobs/" + id + "/metrics").path("steps");
        assertThat(steps.size()).isEqualTo(2);
        for (JsonNode step : steps) {
            assertThat(step.path("items").size()).isEqualTo(2);
            assertThat(step.path("domains").propertyNames()).containsAnyOf("count", "attribute");
            assertThat(step.path("seconds").path("total").asDouble()).isPositive();
            assertThat(step.path("responseLength").asDouble()).isPositive();
            assertThat(step.path("learningRate").asDouble()).isEqualTo(2e-4);
        }
        assertThat(http.getOk("/api/v1/jobs/" + id + "/metrics?from=2&to=2").path("steps").size()).isEqualTo(1);

        JsonNode evaluations = http.getOk("/api/v1/jobs/" + id + "/evaluations").path("evaluations");
        assertThat(evaluations.size()).isEqualTo(3);
        List<Integer> evaluated = new ArrayList<>();
        evaluations.forEach(e -> evaluated.add(e.path("step").asInt()));
        assertThat(evaluated).containsExactly(0, 1, 2);
        assertThat(evaluations.get(0).path("benchmarks").path("ood-compare").path("items").asInt()).isEqualTo(2);

        JsonNode outcome = done.path("outcome");
        assertThat(outcome.path("step").asInt()).isEqualTo(2);
        assertThat(outcome.path("benchmarks").propertyNames()).containsExactlyInAnyOrder("count", "ood-compare");
        assertThat(outcome.path("inScore").asDouble())
                .isEqualTo(outcome.path("benchmarks").path("count").path("accuracy").asDouble());
        assertThat(outcome.path("outScore").asDouble())
                .isEqualTo(outcome.path("benchmarks").path("ood-compare").path("accuracy").asDouble());

        // The weights were published for the rollout-service under job:<id>, in the job's own folder.
        try (var versions = Files.list(TestServices.get().checkpoints.resolve("jobs").resolve(id))) {
            assertThat(versions.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("v"));
        }

        String events = events("/api/v1/jobs/" + id + "/events");
        assertThat(events).contains("event:status").contains("SUCCEEDED").contains("event:evaluation");

        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("modomodo_trainer_steps_total").contains("modomodo_trainer_step_seconds")
                .contains("modomodo_trainer_jobs");
    }

    @Test
    void sharesTheBaseEvaluationBetweenJobsFromTheSameBase() {
        String first = http.postOk("/api/v1/jobs", job(", \"labels\": {\"run\": \"a\"}"), 202).path("id").asString();
        awaitDone(first);
        int cached = jdbc.queryForObject("SELECT count(*) FROM base_evaluation", Integer.class);
        assertThat(cached).isGreaterThanOrEqualTo(2);
        String second = http.postOk("/api/v1/jobs", job(", \"labels\": {\"run\": \"b\"}"), 202).path("id").asString();
        awaitDone(second);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM base_evaluation", Integer.class)).isEqualTo(cached);
        JsonNode a = http.getOk("/api/v1/jobs/" + first + "/evaluations").path("evaluations").get(0);
        JsonNode b = http.getOk("/api/v1/jobs/" + second + "/evaluations").path("evaluations").get(0);
        assertThat(b.path("step").asInt()).isZero();
        assertThat(b.path("benchmarks")).isEqualTo(a.path("benchmarks"));
    }

    @Test
    void returnsTheSameJobWith200WhenTheExternalIdIsRepeated() {
        String body = job(", \"externalId\": \"ci-" + UUID.randomUUID() + "\"");
        HttpResponse<String> first = http.post("/api/v1/jobs", body);
        HttpResponse<String> second = http.post("/api/v1/jobs", body);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(200);
        String id = Http.JSON.readTree(first.body()).path("id").asString();
        assertThat(Http.JSON.readTree(second.body()).path("id").asString()).isEqualTo(id);
        assertThat(second.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        String externalId = Http.JSON.readTree(first.body()).path("externalId").asString();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job WHERE external_id = ?", Integer.class, externalId))
                .isEqualTo(1);
        awaitDone(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown domain           | "mixture": {"count": 0.5, "nope": 0.5}            | mixture.nope
            weights not summing to 1 | "mixture": {"count": 0.5, "attribute": 0.4}      | mixture
            negative weight          | "mixture": {"count": 1.5, "attribute": -0.5}     | mixture.attribute
            dataset outside the root | "datasets": {"mine": {"jsonl": "../../etc/passwd"}}, "mixture": {"mine": 1.0} | datasets.mine.jsonl
            missing dataset file     | "datasets": {"mine": {"jsonl": "absent.jsonl"}}, "mixture": {"mine": 1.0} | datasets.mine.jsonl
            zero steps               | "steps": 0                                        | steps
            zero prompts per step    | "promptsPerStep": 0                               | promptsPerStep
            zero group size          | "groupSize": 0                                    | groupSize
            greedy sampling          | "sampling": {"temperature": 0}                    | sampling.temperature
            unknown benchmark        | "eval": {"benchmarks": ["count", "mmmu"]}         | eval.benchmarks[1]
            unknown split            | "eval": {"split": "train"}                        | eval.split
            bad learning rate        | "grpo": {"learningRate": -1}                      | grpo.learningRate
            bad clip ratio           | "grpo": {"clipRatioLow": 1.5}                     | grpo.clipRatioLow
            unknown reward weight    | "rewardWeights": {"style": 1}                     | rewardWeights.style
            unknown policy           | "policy": {"name": "absent"}                      | policy.name
            unknown policy version   | "policy": {"name": "tiny-api", "version": 99}     | policy.version
            unknown rollout mode     | "rolloutMode": "async"                            | rolloutMode
            rollout mode not a word  | "rolloutMode": ""                                 | rolloutMode
            """)
    void refusesABadJobWithAProblemNamingTheField(String what, String fields, String field) {
        // Appended last: a repeated key takes its last value, so the bad one wins over the valid default above.
        String body = job(", " + fields);
        int before = jdbc.queryForObject("SELECT count(*) FROM job", Integer.class);
        HttpResponse<String> response = http.post("/api/v1/jobs", body);
        http.assertProblem(response, 400, field);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job", Integer.class)).isEqualTo(before);
    }

    @Test
    void samplesOneStepAheadInOneStepOffModeWithLagOneFromTheSecondStepAndNoneInSyncMode() {
        String offBody = job(", \"rolloutMode\": \"one-step-off\"").replace("\"steps\": 2", "\"steps\": 4");
        JsonNode off = http.postOk("/api/v1/jobs", offBody, 202);
        assertThat(off.path("spec").path("rolloutMode").asString()).isEqualTo("one-step-off");
        // A body without the field, as every client wrote before it existed, runs synchronously.
        JsonNode sync = http.postOk("/api/v1/jobs", job("").replace("\"steps\": 2", "\"steps\": 4"), 202);
        assertThat(sync.path("spec").path("rolloutMode").asString()).isEqualTo("sync");

        for (JsonNode submitted : List.of(off, sync)) {
            JsonNode done = awaitDone(submitted.path("id").asString());
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("step").asInt()).isEqualTo(4);
        }
        assertThat(lags(off.path("id").asString())).containsExactly(0, 1, 1, 1);
        assertThat(lags(sync.path("id").asString())).containsExactly(0, 0, 0, 0);
        JsonNode steps = http.getOk("/api/v1/jobs/" + off.path("id").asString() + "/metrics").path("steps");
        for (JsonNode step : steps) {
            assertThat(step.path("items").size()).isEqualTo(2);
            assertThat(step.path("seconds").path("rollout").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(step.path("seconds").path("total").asDouble()).isPositive();
        }
    }

    @Test
    void cancellingAOneStepOffJobLeavesNoRolloutRunning() {
        String body = job(", \"rolloutMode\": \"one-step-off\", \"labels\": {\"kind\": \"ahead\"}")
                .replace("\"steps\": 2", "\"steps\": 1000");
        String id = http.postOk("/api/v1/jobs", body, 202).path("id").asString();
        http.await("/api/v1/jobs/" + id, j -> j.path("step").asInt() >= 2, Duration.ofMinutes(2));
        assertThat(rolloutThreads(id)).as("the next step's rollout runs on its own thread").isNotEmpty();

        http.postOk("/api/v1/jobs/" + id + "/cancel", "", 200);
        JsonNode done = awaitDone(id);
        assertThat(done.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(rolloutThreads(id)).as("a cancelled job's rollout is ended before its status is written").isEmpty();
    }

    private static List<Thread> rolloutThreads(String jobId) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("rollout-ahead-" + jobId)).toList();
    }

    private List<Integer> lags(String id) {
        List<Integer> lags = new ArrayList<>();
        http.getOk("/api/v1/jobs/" + id + "/metrics").path("steps").forEach(s -> lags.add(s.path("policyLag").asInt()));
        return lags;
    }

    @Test
    void acceptsAJsonlDatasetUnderTheDataRoot() throws IOException {
        var suite = new io.modomodo.domains.suite.TaskSuite(3);
        List<io.modomodo.domains.Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(suite.item("count", io.modomodo.domains.suite.Split.TRAIN, i));
        }
        io.modomodo.domains.jsonl.JsonlWriter.write(TestServices.get().dataRoot.resolve("mine/mine.jsonl"), items,
                io.modomodo.domains.jsonl.JsonlWriter.ImageMode.DATA_URI);
        String body = job("").replace("\"mixture\": {\"count\": 0.5, \"attribute\": 0.5}",
                "\"datasets\": {\"mine\": {\"jsonl\": \"mine/mine.jsonl\"}}, \"mixture\": {\"mine\": 0.5, \"count\": 0.5}");
        String id = http.postOk("/api/v1/jobs", body, 202).path("id").asString();
        JsonNode done = awaitDone(id);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode steps = http.getOk("/api/v1/jobs/" + id + "/metrics").path("steps");
        assertThat(steps.get(0).path("domains").propertyNames()).contains("mine");
    }

    @Test
    void refusesAMalformedIdAndAnUnknownJob() {
        http.assertProblem(http.get("/api/v1/jobs/not-a-uuid"), 400, "id");
        http.assertProblem(http.get("/api/v1/jobs/" + UUID.randomUUID()), 404, null);
        http.assertProblem(http.get("/api/v1/jobs?status=DONE&page=0&size=10"), 400, "status");
        http.assertProblem(http.get("/api/v1/jobs?size=0"), 400, "size");
    }

    @Test
    void cancelsARunningJobAtAStepBoundaryAndAQueuedOneAtOnce() {
        String body = job(", \"labels\": {\"kind\": \"long\"}").replace("\"steps\": 2", "\"steps\": 1000");
        String running = http.postOk("/api/v1/jobs", body, 202).path("id").asString();
        http.await("/api/v1/jobs/" + running, j -> j.path("step").asInt() >= 1, Duration.ofMinutes(2));
        // One job runs per replica here, so this one waits in the queue.
        String queued = http.postOk("/api/v1/jobs", job(""), 202).path("id").asString();
        JsonNode cancelledQueued = http.postOk("/api/v1/jobs/" + queued + "/cancel", "", 200);
        assertThat(cancelledQueued.path("status").asString()).isEqualTo("CANCELLED");

        http.postOk("/api/v1/jobs/" + running + "/cancel", "", 200);
        JsonNode done = awaitDone(running);
        assertThat(done.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(done.path("step").asInt()).isBetween(1, 999);
        assertThat(done.path("latestCheckpoint").path("weightsSha256").asString()).hasSize(64);

        JsonNode page = http.getOk("/api/v1/jobs?status=CANCELLED&label=kind=long&page=0&size=10");
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("jobs").get(0).path("id").asString()).isEqualTo(running);
        assertThat(http.getOk("/api/v1/jobs?label=kind=none&page=0&size=10").path("total").asLong()).isZero();
    }

    @Test
    void refusesABadPolicyAndATakenName() {
        http.assertProblem(http.post("/api/v1/policies", "{\"name\": \"../x\"}"), 400, "name");
        http.assertProblem(http.post("/api/v1/policies", "{\"name\": \"p1\", \"config\": {\"width\": 30, \"heads\": 4}}"),
                400, "config.heads");
        http.assertProblem(http.post("/api/v1/policies", "{\"name\": \"p2\", \"config\": {\"colour\": 1}}"), 400,
                "config.colour");
        http.assertProblem(http.post("/api/v1/policies", "{\"name\": \"p3\", \"warmStart\": {\"domains\": [\"x\"]}}"),
                400, "warmStart.domains[0]");
        http.assertProblem(http.post("/api/v1/policies", TestServices.tinyPolicy(POLICY)), 409, null);
        JsonNode policy = http.getOk("/api/v1/policies/" + POLICY);
        assertThat(policy.path("versions").get(0).asLong()).isEqualTo(1);
        assertThat(policy.path("warmStartLoss").size()).isEqualTo(2);
        assertThat(policy.path("parameterCount").asLong()).isPositive();
        assertThat(http.getOk("/api/v1/policies").path("policies").size()).isGreaterThanOrEqualTo(1);
    }

    private JsonNode awaitDone(String id) {
        return http.await("/api/v1/jobs/" + id, j -> j.path("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"),
                Duration.ofMinutes(3));
    }

    private String events(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
