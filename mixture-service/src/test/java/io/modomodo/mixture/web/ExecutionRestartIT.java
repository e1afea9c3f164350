package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A mixture-service stopped in the middle of an execution, and another started on the same database,
 * finish it without submitting any job twice or losing a finished one; two replicas at once share the
 * work without doing any of it twice.
 */
class ExecutionRestartIT {

    FakeTrainer trainer;
    JdbcConnectionDetails database;

    @BeforeEach
    void start() {
        trainer = new FakeTrainer();
        database = MixtureServiceInstance.newDatabase();
    }

    @AfterEach
    void stop() {
        trainer.close();
    }

    static final String REQUEST = """
            {"parallelJobs": 2, "surrogate": "quadratic", "final": {"seeds": 2}, "training": {"steps": 1}}""";

    @Test
    void aRestartMidSubmissionResubmitsWithTheSameExternalIdAndTheTrainerKeepsOneJob() throws Exception {
        String location;
        String study;
        // pilot-02's submission reaches the trainer, which creates the job, but the service stops before
        // it hears the job id: the window where a naive orchestrator would submit a second job.
        trainer.hold("pilot-02");
        try (MixtureServiceInstance first = MixtureServiceInstance.start(database, trainer.url())) {
            study = "/api/v1/studies/" + first.http.postOk("/api/v1/studies", """
                    {"name": "restart", "domains": ["a", "b", "c"]}""", 201).path("id").asString();
            HttpResponse<String> accepted = first.http.post(study + "/executions", REQUEST);
            MixtureServiceInstance.expect(accepted, 202);
            location = accepted.headers().firstValue("Location").orElseThrow();
            assertThat(trainer.held.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.http.getOk(location).path("jobs").path("finished").asInt()).isGreaterThanOrEqualTo(1);
        }
        trainer.release.countDown();
        int postsBefore = trainer.posts.get();
        try (MixtureServiceInstance second = MixtureServiceInstance.start(database, trainer.url())) {
            JsonNode done = await(second.http, location, e -> !e.path("status").asString().equals("RUNNING"));
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            String execution = done.path("id").asString();
            List<FakeTrainer.Job> jobs = trainer.jobsOf(execution);
            int planned = 7 + 2 * 2;
            assertThat(done.path("jobs").path("finished").asInt()).isEqualTo(planned);
            // One job per slot: the resubmission of pilot-02 got the job the trainer had created.
            assertThat(trainer.creations.get()).isEqualTo(planned);
            assertThat(jobs).hasSize(planned);
            assertThat(jobs.stream().map(j -> j.slot).collect(Collectors.toSet())).hasSize(planned);
            assertThat(trainer.posts.get() - postsBefore).isGreaterThan(0);
            assertThat(trainer.posts.get()).isEqualTo(planned + 1);
            // No run lost, none twice: one run per job, keyed by the job id.
            JsonNode runs = second.http.getOk(study + "/runs?size=100");
            assertThat(runs.path("total").asInt()).isEqualTo(planned);
            Set<String> externalIds = jobs.stream().map(j -> j.id.toString()).collect(Collectors.toSet());
            runs.path("runs").forEach(r -> assertThat(externalIds).contains(r.path("externalId").asString()));
        }
    }

    @Test
    void twoReplicasDriveOneExecutionWithoutSubmittingAnyJobTwice() {
        try (MixtureServiceInstance one = MixtureServiceInstance.start(database, trainer.url());
                MixtureServiceInstance two = MixtureServiceInstance.start(database, trainer.url())) {
            String study = "/api/v1/studies/" + one.http.postOk("/api/v1/studies", """
                    {"name": "replicas", "domains": ["a", "b", "c"]}""", 201).path("id").asString();
            String location = one.http.post(study + "/executions", REQUEST).headers().firstValue("Location")
                    .orElseThrow();
            JsonNode done = await(two.http, location, e -> !e.path("status").asString().equals("RUNNING"));
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            int planned = 7 + 2 * 2;
            // The lease lets one replica at a time submit: not even a deduplicated second POST happens.
            assertThat(trainer.posts.get()).isEqualTo(planned);
            assertThat(trainer.creations.get()).isEqualTo(planned);
            assertThat(two.http.getOk(study + "/runs?size=100").path("total").asInt()).isEqualTo(planned);
        }
    }

    @Test
    void aLeaseHeldByAReplicaThatDiedIsTakenOverOnlyWhenItRunsOut() {
        // This replica serves the API but drives nothing, like one whose scheduler died with it.
        try (MixtureServiceInstance api = MixtureServiceInstance.start(database, trainer.url(),
                "modomodo.mixture.executions.enabled=false")) {
            String study = "/api/v1/studies/" + api.http.postOk("/api/v1/studies", """
                    {"name": "lease", "domains": ["a", "b", "c"]}""", 201).path("id").asString();
            String location = api.http.post(study + "/executions", REQUEST).headers().firstValue("Location")
                    .orElseThrow();
            String execution = location.substring(location.lastIndexOf('/') + 1);
            JdbcTemplate jdbc = api.bean(JdbcTemplate.class);
            jdbc.update("UPDATE execution SET lease_owner = 'replica-killed-with-9', "
                    + "lease_until = now() + interval '4 seconds' WHERE id = ?::uuid", execution);
            Instant expiry = jdbc.queryForObject("SELECT lease_until FROM execution WHERE id = ?::uuid",
                    java.sql.Timestamp.class, execution).toInstant();
            try (MixtureServiceInstance survivor = MixtureServiceInstance.start(database, trainer.url())) {
                JsonNode done = await(survivor.http, location, e -> !e.path("status").asString().equals("RUNNING"));
                assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
                List<FakeTrainer.Job> jobs = trainer.jobsOf(execution);
                assertThat(jobs).hasSize(7 + 2 * 2);
                // Nothing was submitted while the dead replica's lease still held.
                assertThat(jobs).allSatisfy(j -> assertThat(j.createdAt).isAfterOrEqualTo(expiry.minusMillis(50)));
            }
        }
    }

    static JsonNode await(Http http, String location, Predicate<JsonNode> condition) {
        Instant deadline = Instant.now().plusSeconds(120);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = http.getOk(location);
            if (condition.test(last)) {
                return last;
            }
            ExecutionIT.sleep(java.time.Duration.ofMillis(50));
        }
        throw new AssertionError("condition not reached; last: " + last);
    }
}
