package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Managed executions through the real HTTP API, on a real PostgreSQL, against a fake trainer that is
 * a real HTTP server speaking the trainer's job contract (see {@link FakeTrainer}).
 */
class ExecutionIT {

    static FakeTrainer trainer;
    static MixtureServiceInstance service;
    Http http;
    String study;

    @BeforeAll
    static void start() {
        trainer = new FakeTrainer();
        service = MixtureServiceInstance.start(MixtureServiceInstance.newDatabase(), trainer.url());
    }

    @AfterAll
    static void stop() {
        service.close();
        trainer.close();
    }

    @BeforeEach
    void newStudy() {
        http = service.http;
        trainer.failing = (slot, attempt) -> false;
        trainer.pollsToFinish = 2;
        study = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "exec", "domains": ["a", "b", "c"]}""", 201).path("id").asString();
    }

    static final String FULL = """
            {"pilot": {"families": ["seeds", "space-filling"]}, "surrogate": "auto", "rounds": 1, "perRound": 1,
             "parallelJobs": 3, "final": {"seeds": 3, "baselines": ["uniform"]},
             "training": {"policy": {"name": "tiny"}, "steps": 2, "labels": {"ci": "42"}}}""";

    @Test
    void runsPilotsFitsProposesAndComparesTheProposalWithUniformOverSeeds() {
        HttpResponse<String> accepted = http.post(study + "/executions", FULL);
        MixtureServiceInstance.expect(accepted, 202);
        JsonNode started = Http.JSON.readTree(accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(study + "/executions/" + started.path("id").asString());
        assertThat(started.path("status").asString()).isEqualTo("RUNNING");
        assertThat(started.path("phase").asString()).isEqualTo("pilot");
        // Seed family over 3 domains (uniform, 3 alone, 3 left out) covers the quadratic's 6 parameters;
        // then 1 explore job and 3 seeds × (proposal + uniform).
        assertThat(started.path("spec").path("pilot").path("count").asInt()).isEqualTo(7);
        assertThat(started.path("jobs").path("planned").asInt()).isEqualTo(7 + 1 + 6);

        JsonNode done = await(location, e -> !e.path("status").asString().equals("RUNNING"));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("phase").asString()).isEqualTo("done");
        assertThat(done.path("jobs").path("finished").asInt()).isEqualTo(14);
        assertThat(done.path("jobs").path("submitted").asInt()).isEqualTo(14);
        assertThat(done.path("jobs").path("retried").asInt()).isZero();
        assertThat(done.path("etaSeconds").asLong()).isZero();
        assertThat(done.path("surrogate").asString()).isEqualTo("quadratic");

        String execution = started.path("id").asString();
        List<FakeTrainer.Job> jobs = trainer.jobsOf(execution);
        assertThat(jobs).hasSize(14);
        for (FakeTrainer.Job job : jobs) {
            assertThat(job.spec.externalId()).isEqualTo("modomodo-" + execution + "-" + job.slot + "-a1");
            assertThat(job.spec.policy().name()).isEqualTo("tiny");
            assertThat(job.spec.steps()).isEqualTo(2);
            assertThat(job.spec.labels()).containsEntry("ci", "42").containsEntry("execution", execution);
            assertThat(job.spec.mixture().keySet()).containsExactly("a", "b", "c");
        }

        // The outcome function is a concave quadratic with its maximum at TARGET: the fitted quadratic finds it.
        JsonNode proposal = done.path("proposal").path("weights");
        assertThat(proposal.path("a").asDouble()).isCloseTo(FakeTrainer.TARGET[0], within(0.05));
        assertThat(proposal.path("b").asDouble()).isCloseTo(FakeTrainer.TARGET[1], within(0.05));
        assertThat(proposal.path("c").asDouble()).isCloseTo(FakeTrainer.TARGET[2], within(0.05));

        // Every finished job is a run of the study, its externalId the trainer's job id.
        JsonNode runs = http.getOk(study + "/runs?size=100");
        assertThat(runs.path("total").asInt()).isEqualTo(14);
        Set<String> jobIds = new HashSet<>();
        jobs.forEach(j -> jobIds.add(j.id.toString()));
        Set<String> runExternalIds = new HashSet<>();
        runs.path("runs").forEach(r -> runExternalIds.add(r.path("externalId").asString()));
        assertThat(runExternalIds).isEqualTo(jobIds);

        JsonNode report = http.getOk(study + "/report");
        assertThat(report.path("executionId").asString()).isEqualTo(execution);
        assertThat(report.path("pilot")).hasSize(8);
        JsonNode uniformPilot = report.path("pilot").get(0);
        assertThat(uniformPilot.path("slot").asString()).isEqualTo("pilot-00");
        assertThat(uniformPilot.path("weights").path("a").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(uniformPilot.path("outScore").asDouble()).isCloseTo(
                FakeTrainer.outScore(Map.of("a", 1.0 / 3, "b", 1.0 / 3, "c", 1.0 / 3), 0), within(1e-9));
        assertThat(report.path("fits").path("quadratic").path("n").asInt()).isEqualTo(8);
        assertThat(report.path("fits").path("quadratic").path("r2").asDouble())
                .isGreaterThan(report.path("fits").path("linear").path("r2").asDouble());
        assertThat(report.path("proposal").path("predicted").asDouble()).isCloseTo(0.7, within(0.02));
        JsonNode heldOut = report.path("fits").path("quadratic").path("heldOut");
        assertThat(heldOut).hasSize(8);
        List<Double> actual = new java.util.ArrayList<>();
        heldOut.forEach(p -> actual.add(p.path("actual").asDouble()));
        List<Double> pilotScores = new java.util.ArrayList<>();
        report.path("pilot").forEach(p -> pilotScores.add(p.path("score").asDouble()));
        assertThat(actual).containsExactlyInAnyOrderElementsOf(pilotScores);
        // The points are the ones the reported CV quality was computed from.
        double sse = 0;
        for (JsonNode p : heldOut) {
            sse += Math.pow(p.path("predicted").asDouble() - p.path("actual").asDouble(), 2);
        }
        assertThat(Math.sqrt(sse / 8)).isCloseTo(report.path("fits").path("quadratic").path("rmse").asDouble(),
                within(1e-9));
        // The proposal comes from the very fit the report shows.
        assertThat(http.getOk(study + "/proposals/" + done.path("proposalId").asString()).path("fitId").asString())
                .isEqualTo(report.path("fits").path("quadratic").path("fitId").asString());

        // Final: what the trainer returned per seed and arm, and the step-0 evaluation as the base policy.
        Map<String, Double> out = new HashMap<>();
        for (FakeTrainer.Job job : jobs) {
            out.put(job.slot, job.outcome.outScore());
        }
        assertThat(report.path("finalRuns")).hasSize(9);
        double sum = 0;
        for (JsonNode run : report.path("finalRuns")) {
            String arm = run.path("arm").asString();
            int seed = run.path("seed").asInt();
            if (arm.equals("base")) {
                assertThat(run.path("outScore").asDouble()).isEqualTo(FakeTrainer.BASE_SCORE);
            }
            else {
                assertThat(run.path("outScore").asDouble()).isEqualTo(out.get("final-" + arm + "-s" + seed));
            }
        }
        for (int s = 0; s < 3; s++) {
            sum += out.get("final-proposal-s" + s) - out.get("final-uniform-s" + s);
        }
        JsonNode vsUniform = comparison(report, "uniform", "outScore");
        assertThat(vsUniform.path("n").asInt()).isEqualTo(3);
        assertThat(vsUniform.path("meanDifference").asDouble()).isCloseTo(sum / 3, within(1e-12)).isPositive();
        assertThat(vsUniform.path("low").asDouble()).isLessThanOrEqualTo(vsUniform.path("meanDifference").asDouble());
        assertThat(vsUniform.path("high").asDouble()).isGreaterThanOrEqualTo(vsUniform.path("meanDifference").asDouble());
        assertThat(comparison(report, "base", "ood-x").path("meanDifference").asDouble()).isPositive();
        assertThat(comparison(report, "uniform", "a").path("n").asInt()).isEqualTo(3);

        JsonNode list = http.getOk(study + "/executions");
        assertThat(list.path("executions").get(0).path("id").asString()).isEqualTo(execution);
    }

    @Test
    void theSmokePresetRunsEveryPhaseOnATwoDomainStudy() {
        String twoDomains = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "smoke", "domains": ["a", "b"]}""", 201).path("id").asString();
        HttpResponse<String> accepted = http.post(twoDomains + "/executions", "{\"preset\": \"smoke\"}");
        MixtureServiceInstance.expect(accepted, 202);
        JsonNode started = Http.JSON.readTree(accepted.body());
        assertThat(started.path("jobs").path("planned").asInt()).isEqualTo(3 + 1 + 2);
        JsonNode done = await(accepted.headers().firstValue("Location").orElseThrow(),
                e -> !e.path("status").asString().equals("RUNNING"));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        List<FakeTrainer.Job> jobs = trainer.jobsOf(done.path("id").asString());
        assertThat(jobs.stream().map(j -> j.slot)).containsExactlyInAnyOrder("pilot-00", "pilot-01", "pilot-02",
                "explore-1-00", "final-proposal-s0", "final-uniform-s0");
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.spec.steps()).isEqualTo(2);
            assertThat(j.spec.promptsPerStep()).isEqualTo(2);
            assertThat(j.spec.eval().itemsPerBenchmark()).isEqualTo(2);
            assertThat(j.spec.policy().name()).isEqualTo("base");
        });
        JsonNode report = http.getOk(twoDomains + "/report");
        assertThat(report.path("pilot")).hasSize(4);
        assertThat(report.path("finalRuns")).hasSize(3);
        JsonNode vsUniform = comparison(report, "uniform", "outScore");
        assertThat(vsUniform.path("n").asInt()).isEqualTo(1);
        assertThat(vsUniform.path("low").isNull()).isTrue();
    }

    @Test
    void passesTheTemplatesRolloutModeToEveryJobAndLeavesItToTheTrainerWhenAbsent() {
        String twoDomains = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "off-policy", "domains": ["a", "b"]}""", 201).path("id").asString();
        HttpResponse<String> accepted = http.post(twoDomains + "/executions",
                "{\"preset\": \"smoke\", \"training\": {\"rolloutMode\": \"one-step-off\"}}");
        MixtureServiceInstance.expect(accepted, 202);
        JsonNode done = await(accepted.headers().firstValue("Location").orElseThrow(),
                e -> !e.path("status").asString().equals("RUNNING"));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("spec").path("training").path("rolloutMode").asString()).isEqualTo("one-step-off");
        assertThat(trainer.jobsOf(done.path("id").asString())).isNotEmpty()
                .allSatisfy(j -> assertThat(j.spec.rolloutMode()).isEqualTo("one-step-off"));

        String plain = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "sync", "domains": ["a", "b"]}""", 201).path("id").asString();
        JsonNode sync = await(http.post(plain + "/executions", "{\"preset\": \"smoke\"}").headers()
                .firstValue("Location").orElseThrow(), e -> !e.path("status").asString().equals("RUNNING"));
        assertThat(trainer.jobsOf(sync.path("id").asString())).isNotEmpty()
                .allSatisfy(j -> assertThat(j.spec.rolloutMode()).isNull());
    }

    @Test
    void retriesAFailedJobOnceAndFailsTheExecutionNamingAJobThatFailsTwice() {
        trainer.failing = (slot, attempt) -> slot.equals("pilot-01") && attempt == 1 || slot.equals("pilot-03");
        HttpResponse<String> accepted = http.post(study + "/executions", """
                {"parallelJobs": 2, "training": {"steps": 1}}""");
        MixtureServiceInstance.expect(accepted, 202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode failed = await(location, e -> !e.path("status").asString().equals("RUNNING"));
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        String execution = failed.path("id").asString();
        List<FakeTrainer.Job> jobs = trainer.jobsOf(execution);
        FakeTrainer.Job last = jobs.stream().filter(j -> j.slot.equals("pilot-03") && j.attempt == 2).findFirst()
                .orElseThrow();
        assertThat(failed.path("error").asString()).contains("pilot-03").contains(last.id.toString())
                .contains("failed 2 times").contains("rollout-service answered 500");
        // pilot-01 failed once and succeeded on its retry; pilot-03 was tried exactly twice.
        assertThat(jobs.stream().filter(j -> j.slot.equals("pilot-01")).map(j -> j.status))
                .containsExactlyInAnyOrder("FAILED", "SUCCEEDED");
        assertThat(jobs.stream().filter(j -> j.slot.equals("pilot-03"))).hasSize(2);
        assertThat(failed.path("jobs").path("retried").asInt()).isEqualTo(2);
        // Nothing of a failed execution keeps running on the trainer (cancelled right after FAILED is stored).
        awaitTrue(() -> trainer.jobsOf(execution).stream().noneMatch(j -> j.status.equals("RUNNING")
                || j.status.equals("QUEUED")));
    }

    @Test
    void carriesOnWhileTheTrainerAnswers503AndSubmitsNoJobTwice() {
        HttpResponse<String> accepted = http.post(study + "/executions", """
                {"parallelJobs": 2, "surrogate": "linear", "pilot": {"families": ["seeds"], "count": 4},
                 "final": {"seeds": 2}}""");
        MixtureServiceInstance.expect(accepted, 202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        await(location, e -> e.path("jobs").path("finished").asInt() >= 2);
        int before = trainer.unavailableAnswers.get();
        trainer.unavailableFor(15);
        JsonNode waiting = await(location, e -> e.path("detail").asString("").contains("503"));
        assertThat(waiting.path("status").asString()).isEqualTo("RUNNING");
        JsonNode done = await(location, e -> !e.path("status").asString().equals("RUNNING"));
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(trainer.unavailableAnswers.get() - before).isEqualTo(15);
        List<FakeTrainer.Job> jobs = trainer.jobsOf(done.path("id").asString());
        assertThat(jobs).hasSize(4 + 2 * 2);
        assertThat(jobs.stream().map(j -> j.slot).distinct()).hasSize(jobs.size());
        assertThat(http.getOk(study + "/runs").path("total").asInt()).isEqualTo(8);
        assertThat(done.path("detail").isNull()).isTrue();
    }

    @Test
    void cancellingStopsSubmittingAndCancelsTheJobsOnTheTrainer() {
        trainer.pollsToFinish = 1_000_000;
        HttpResponse<String> accepted = http.post(study + "/executions", """
                {"parallelJobs": 2, "training": {"steps": 1}}""");
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode running = await(location, e -> e.path("jobs").path("running").asInt() == 2);
        String execution = running.path("id").asString();
        int cancels = trainer.cancels.get();

        JsonNode cancelled = http.postOk(location + "/cancel", "", 200);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("jobs").path("running").asInt()).isZero();
        assertThat(trainer.cancels.get() - cancels).isEqualTo(2);
        assertThat(trainer.jobsOf(execution)).hasSize(2).allSatisfy(j -> assertThat(j.status).isEqualTo("CANCELLED"));
        // Again: still cancelled, nothing more submitted later.
        assertThat(http.postOk(location + "/cancel", "", 200).path("status").asString()).isEqualTo("CANCELLED");
        sleep(Duration.ofMillis(500));
        assertThat(trainer.jobsOf(execution)).hasSize(2);
    }

    @Test
    void refusesRequestsThatCannotRunNamingTheField() {
        http.assertBadRequest(http.post(study + "/executions", "{\"preset\": \"huge\"}"), "preset");
        http.assertBadRequest(http.post(study + "/executions", "{\"surrogate\": \"cubic\"}"), "surrogate");
        http.assertBadRequest(http.post(study + "/executions", "{\"pilot\": {\"count\": 5}}"), "pilot.count");
        http.assertBadRequest(http.post(study + "/executions", "{\"pilot\": {\"families\": [\"grid\"]}}"),
                "pilot.families[0]");
        http.assertBadRequest(http.post(study + "/executions",
                "{\"pilot\": {\"families\": [\"seeds\"], \"count\": 9}}"), "pilot.count");
        http.assertBadRequest(http.post(study + "/executions", "{\"final\": {\"seeds\": 0}}"), "final.seeds");
        http.assertBadRequest(http.post(study + "/executions", "{\"final\": {\"baselines\": [\"best\"]}}"),
                "final.baselines[0]");
        http.assertBadRequest(http.post(study + "/executions", "{\"rounds\": -1}"), "rounds");
        http.assertProblem(http.post(study + "/executions", "{\"pilot\": {\"count\": 5000}}"), 413, "pilot.count");
        http.assertProblem(http.get(study + "/executions/nope"), 404, null);
        http.assertProblem(http.get("/api/v1/studies/00000000-0000-0000-0000-000000000000/executions"), 404, null);
        http.assertProblem(http.get(study + "/report"), 404, null);
    }

    @Test
    void presetsFillTheSpecAndTheRequestOverridesThem() {
        trainer.pollsToFinish = 1_000_000;
        JsonNode smoke = http.postOk(study + "/executions", """
                {"preset": "smoke", "final": {"seeds": 2}}""", 202);
        assertThat(smoke.path("spec").path("training").path("steps").asInt()).isEqualTo(2);
        assertThat(smoke.path("spec").path("training").path("policy").path("name").asString()).isEqualTo("base");
        assertThat(smoke.path("spec").path("final").path("seeds").asInt()).isEqualTo(2);
        assertThat(smoke.path("spec").path("final").path("baselines").get(0).asString()).isEqualTo("uniform");
        assertThat(smoke.path("spec").path("rounds").asInt()).isEqualTo(1);
        http.postOk(study + "/executions/" + smoke.path("id").asString() + "/cancel", "", 200);
        JsonNode quick = http.postOk(study + "/executions", "{\"preset\": \"quick\"}", 202);
        assertThat(quick.path("spec").path("pilot").path("count").asInt()).isEqualTo(7 + 2);
        assertThat(quick.path("spec").path("final").path("seeds").asInt()).isEqualTo(3);
        http.postOk(study + "/executions/" + quick.path("id").asString() + "/cancel", "", 200);
        HttpResponse<String> again = http.post(study + "/executions/" + quick.path("id").asString() + "/cancel", "");
        assertThat(again.statusCode()).isEqualTo(200);
    }

    @Test
    void streamsTheExecutionAsServerSentEventsUntilItEnds() throws Exception {
        trainer.pollsToFinish = 4;
        String location = http.post(study + "/executions", """
                {"parallelJobs": 2, "surrogate": "linear", "pilot": {"families": ["seeds"], "count": 3},
                 "final": {"seeds": 1}}""").headers().firstValue("Location").orElseThrow();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        HttpResponse<java.util.stream.Stream<String>> stream = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port() + location + "/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(90)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> events = new java.util.ArrayList<>();
        // The stream ends by itself once the execution has ended.
        stream.body().forEach(line -> {
            if (line.startsWith("data:")) {
                events.add(Http.JSON.readTree(line.substring("data:".length())));
            }
        });
        assertThat(events.size()).isGreaterThan(2);
        assertThat(events.get(0).path("status").asString()).isEqualTo("RUNNING");
        assertThat(events.get(events.size() - 1).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(events.stream().map(e -> e.path("jobs").path("finished").asInt()).toList()).isSorted();

        HttpResponse<String> unknown = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + port() + study + "/executions/00000000-0000-0000-0000-000000000000/events"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private static int port() {
        return service.http.port();
    }

    private static JsonNode comparison(JsonNode report, String against, String metric) {
        for (JsonNode c : report.path("comparisons")) {
            if (c.path("against").asString().equals(against) && c.path("metric").asString().equals(metric)) {
                return c;
            }
        }
        throw new AssertionError("no comparison against " + against + " on " + metric + ": " + report);
    }

    JsonNode await(String location, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(90);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.getOk(location);
            if (condition.test(last)) {
                return last;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("condition not reached; last: " + last);
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not reached");
            }
            sleep(Duration.ofMillis(50));
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
