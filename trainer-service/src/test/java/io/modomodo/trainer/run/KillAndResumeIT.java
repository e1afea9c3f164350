package io.modomodo.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.zaxxer.hikari.HikariDataSource;

import io.modomodo.testing.postgres.RealPostgres;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.ServiceProcess;
import io.modomodo.trainer.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * At process level: the trainer jar runs a job in single-job mode, is killed with SIGKILL mid-way, and a new process
 * takes the job up after the lease expires and resumes it from its last checkpoint. It ends with bit-identical
 * weights and the same item sequence as the same job run without interruption — across sampler epoch boundaries
 * (three batches per epoch here, so every resume point crosses one). All runs use one PyTorch thread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modomodo.trainer.launcher=none", "modomodo.trainer.defaults.train-items-per-domain=3"})
@AutoConfigureMetrics
@RealPostgres
class KillAndResumeIT {

    static final int STEPS = 8;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.get().trainerProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JobRunner runner;

    @Test
    void aJobKilledMidwayAndResumedEndsWithTheWeightsAndItemsOfAnUninterruptedRun() throws Exception {
        killAndResume("tiny-resume", "");
    }

    /**
     * One step off, checkpoint k is taken while the rollout of step k+1 runs with the weights of step k−1: the
     * resumed process must draw that batch again and sample it with those weights, not with the newer ones.
     */
    @Test
    void aOneStepOffJobKilledMidwayAndResumedEndsWithTheWeightsAndItemsOfAnUninterruptedRun() throws Exception {
        List<Integer> lags = killAndResume("tiny-resume-off", ", \"rolloutMode\": \"one-step-off\"");
        assertThat(lags).containsExactly(0, 1, 1, 1, 1, 1, 1, 1);
    }

    /** Runs the job straight and killed-and-resumed, asserts they agree, and returns the resumed run's lags. */
    private List<Integer> killAndResume(String policy, String extra) throws Exception {
        Http http = new Http(port);
        TestServices.createTinyPolicy(http, policy);
        // β > 0: a tiny policy's groups often score alike (advantage 0), and the KL term still moves the
        // weights; the resumed process must also reload the same reference for the digests to agree.
        String job = """
                {"policy": {"name": "%s"}, "mixture": {"count": 0.5, "attribute": 0.5}, "steps": %d,
                 "promptsPerStep": 2, "groupSize": 2, "sampling": {"maxNewTokens": 8}, "grpo": {"beta": 0.04},
                 "eval": {"every": 0, "benchmarks": ["count"], "itemsPerBenchmark": 2},
                 "checkpoint": {"every": 2, "keep": 2}, "seed": 11%s}""".formatted(policy, STEPS, extra);
        String straight = http.postOk("/api/v1/jobs", job, 202).path("id").asString();
        String interrupted = http.postOk("/api/v1/jobs", job, 202).path("id").asString();

        // The reference run goes through the same runner in this JVM (one PyTorch thread, as the child processes),
        // which saves a third process start.
        assertThat(runner.claim(java.util.UUID.fromString(straight))).isTrue();
        assertThat(runner.run(java.util.UUID.fromString(straight))).isEqualTo("SUCCEEDED");

        int killedAt;
        try (ServiceProcess first = trainer(interrupted)) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (checkpointStep(interrupted) < 2 && System.nanoTime() < deadline && first.process().isAlive()) {
                Thread.sleep(20);
            }
            first.kill();
            killedAt = jdbc.queryForObject("SELECT step FROM job WHERE id = ?::uuid", Integer.class, interrupted);
            assertThat(status(interrupted)).as("killed mid-way, not after the end:\n" + first.tail())
                    .isEqualTo("RUNNING");
            assertThat(killedAt).isLessThan(STEPS);
        }
        try (ServiceProcess second = trainer(interrupted)) {
            assertThat(second.process().waitFor(3, TimeUnit.MINUTES)).as(second.tail()).isTrue();
            assertThat(second.process().exitValue()).as(second.tail()).isZero();
        }

        JsonNode a = http.getOk("/api/v1/jobs/" + straight);
        JsonNode b = http.getOk("/api/v1/jobs/" + interrupted);
        assertThat(a.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(b.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT claims FROM job WHERE id = ?::uuid", Integer.class, interrupted))
                .as("the second process resumed the job").isEqualTo(2);
        assertThat(b.path("latestCheckpoint").path("weightsSha256").asString())
                .isEqualTo(a.path("latestCheckpoint").path("weightsSha256").asString());
        assertThat(items(http, interrupted)).isEqualTo(items(http, straight)).hasSize(STEPS);
        // Training happened: the weights moved away from the base and differ between steps.
        assertThat(jdbc.queryForList("SELECT DISTINCT metrics->>'gradNorm' FROM job_step WHERE job_id = ?::uuid",
                String.class, interrupted)).hasSizeGreaterThan(1);
        assertThat(b.path("outcome").path("benchmarks")).isEqualTo(a.path("outcome").path("benchmarks"));
        assertThat(stepMetrics(interrupted)).isEqualTo(stepMetrics(straight));
        List<Integer> lags = jdbc.queryForList("SELECT (metrics->>'policyLag')::int FROM job_step WHERE job_id = ?::uuid "
                + "ORDER BY step", Integer.class, interrupted);
        assertThat(lags).isEqualTo(jdbc.queryForList("SELECT (metrics->>'policyLag')::int FROM job_step "
                + "WHERE job_id = ?::uuid ORDER BY step", Integer.class, straight));
        return lags;
    }

    private List<List<String>> items(Http http, String id) {
        List<List<String>> items = new ArrayList<>();
        for (JsonNode step : http.getOk("/api/v1/jobs/" + id + "/metrics").path("steps")) {
            List<String> ids = new ArrayList<>();
            step.path("items").forEach(item -> ids.add(item.asString()));
            items.add(ids);
        }
        return items;
    }

    /** Reward, KL and gradient norm of each step: a resumed job redoes the same updates, not only the same draws. */
    private List<String> stepMetrics(String id) {
        return jdbc.queryForList("""
                SELECT concat_ws(' ', metrics->>'rewardMean', metrics->>'kl', metrics->>'gradNorm')
                FROM job_step WHERE job_id = ?::uuid ORDER BY step""", String.class, id);
    }

    private int checkpointStep(String id) {
        Integer step = jdbc.queryForObject("SELECT checkpoint_step FROM job WHERE id = ?::uuid", Integer.class, id);
        return step == null ? 0 : step;
    }

    private String status(String id) {
        return jdbc.queryForObject("SELECT status FROM job WHERE id = ?::uuid", String.class, id);
    }

    private ServiceProcess trainer(String jobId) {
        HikariDataSource hikari = (HikariDataSource) dataSource;
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> e : TestServices.get().trainerProperties().entrySet()) {
            args.add("--" + e.getKey() + "=" + e.getValue());
        }
        args.add("--modomodo.trainer.defaults.train-items-per-domain=3");
        args.add("--server.port=0");
        args.add("--spring.datasource.url=" + hikari.getJdbcUrl());
        args.add("--spring.datasource.username=" + hikari.getUsername());
        args.add("--spring.datasource.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()));
        args.add("--modomodo.trainer.run-job=" + jobId);
        return ServiceProcess.start("trainer-" + jobId, Path.of(System.getProperty("trainer.jar",
                "target/trainer-service-0.1.0-SNAPSHOT.jar")), args);
    }
}
