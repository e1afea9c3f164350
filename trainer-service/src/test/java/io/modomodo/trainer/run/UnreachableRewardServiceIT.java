package io.modomodo.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.testing.postgres.RealPostgres;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.SwitchableProxy;
import io.modomodo.trainer.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * The reward-service goes away while a job runs: the job waits (saying so in its detail) and records no step, and
 * goes on when the service is back; past the retry limit it fails naming the service. No batch is ever scored 0
 * because the service was down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modomodo.trainer.runner.retry-limit=6s"})
@AutoConfigureMetrics
@RealPostgres
class UnreachableRewardServiceIT {

    static final SwitchableProxy REWARD = new SwitchableProxy(TestServices.get().rewardUrl);

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestServices.get().trainerProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("modomodo.trainer.services.reward", REWARD::url);
    }

    @AfterAll
    static void stopProxy() {
        REWARD.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void policy() {
        http = new Http(port);
        REWARD.up();
        if (http.get("/api/v1/policies/tiny-unreachable").statusCode() == 404) {
            TestServices.createTinyPolicy(http, "tiny-unreachable");
        }
    }

    static String job(int steps) {
        return """
                {"policy": {"name": "tiny-unreachable"}, "mixture": {"count": 1.0}, "steps": %d, "promptsPerStep": 2,
                 "groupSize": 2, "sampling": {"maxNewTokens": 8},
                 "eval": {"every": 0, "benchmarks": ["count"], "itemsPerBenchmark": 2}, "seed": 3}""".formatted(steps);
    }

    @Test
    void pausesWhileTheRewardServiceIsDownAndGoesOnWhenItIsBack() throws InterruptedException {
        String id = http.postOk("/api/v1/jobs", job(1000), 202).path("id").asString();
        String path = "/api/v1/jobs/" + id;
        http.await(path, j -> j.path("step").asInt() >= 2, Duration.ofMinutes(2));

        REWARD.down();
        JsonNode waiting = http.await(path, j -> j.path("detail").asString().contains("waiting for reward-service"),
                Duration.ofSeconds(30));
        assertThat(waiting.path("status").asString()).isEqualTo("RUNNING");
        int step = waiting.path("step").asInt();
        Thread.sleep(2500);
        JsonNode stillWaiting = http.getOk(path);
        assertThat(stillWaiting.path("step").asInt()).as("no step while the reward-service is down").isEqualTo(step);
        assertThat(stillWaiting.path("detail").asString()).contains("waiting for reward-service").contains("retry");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_step WHERE job_id = ?::uuid", Integer.class, id))
                .isEqualTo(step);

        REWARD.up();
        http.await(path, j -> j.path("step").asInt() >= step + 2, Duration.ofMinutes(1));
        // The step that waited was recorded once, after the service answered, with the batch it had drawn.
        JsonNode steps = http.getOk(path + "/metrics").path("steps");
        assertThat(steps.size()).isGreaterThanOrEqualTo(step + 2);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i).path("step").asInt()).isEqualTo(i + 1);
            assertThat(steps.get(i).path("items").size()).isEqualTo(2);
        }
        http.postOk(path + "/cancel", "", 200);
        http.await(path, j -> j.path("status").asString().equals("CANCELLED"), Duration.ofMinutes(1));
    }

    @Test
    void failsPastTheRetryLimitWithAReasonNamingTheService() {
        REWARD.down();
        String id = http.postOk("/api/v1/jobs", job(2), 202).path("id").asString();
        JsonNode failed = http.await("/api/v1/jobs/" + id, j -> j.path("status").asString().equals("FAILED"),
                Duration.ofMinutes(1));
        assertThat(failed.path("error").asString()).contains("reward-service unreachable");
        assertThat(http.getOk("/api/v1/jobs/" + id + "/metrics").path("steps").size()).isZero();
        assertThat(http.getOk("/api/v1/jobs/" + id + "/evaluations").path("evaluations").size()).isZero();
    }
}
