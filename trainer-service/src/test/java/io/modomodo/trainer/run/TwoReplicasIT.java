package io.modomodo.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.zaxxer.hikari.HikariDataSource;

import io.modomodo.testing.postgres.RealPostgres;
import io.modomodo.trainer.TrainerServiceApplication;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.TestServices;

/** Two trainer replicas (two application contexts) on one database share the queue and never run a job twice. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class TwoReplicasIT {

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

    @Test
    void runsEveryJobExactlyOnceAcrossTwoReplicas() {
        Http http = new Http(port);
        TestServices.createTinyPolicy(http, "tiny-replicas");
        HikariDataSource hikari = (HikariDataSource) dataSource;
        Map<String, Object> properties = new HashMap<>(TestServices.get().trainerProperties());
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", hikari.getJdbcUrl());
        properties.put("spring.datasource.username", hikari.getUsername());
        properties.put("spring.datasource.password", hikari.getPassword() == null ? "" : hikari.getPassword());
        // Command-line arguments, as a second replica would be started: they outrank application.yml.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TrainerServiceApplication.class)
                .run(args)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(http.postOk("/api/v1/jobs", """
                        {"policy": {"name": "tiny-replicas"}, "mixture": {"count": 0.5, "spatial": 0.5}, "steps": 3,
                         "promptsPerStep": 2, "groupSize": 2, "sampling": {"maxNewTokens": 8},
                         "eval": {"every": 0, "benchmarks": ["count"], "itemsPerBenchmark": 2}, "seed": %d}"""
                        .formatted(i), 202).path("id").asString());
            }
            for (String id : ids) {
                var done = http.await("/api/v1/jobs/" + id, j -> j.path("status").asString().matches(
                        "SUCCEEDED|FAILED|CANCELLED"), Duration.ofMinutes(3));
                assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
            }
            for (String id : ids) {
                assertThat(jdbc.queryForObject("SELECT claims FROM job WHERE id = ?::uuid", Integer.class, id))
                        .as("claims of job %s", id).isEqualTo(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM job_step WHERE job_id = ?::uuid", Integer.class,
                        id)).isEqualTo(3);
            }
            List<String> owners = jdbc.queryForList("SELECT DISTINCT lease_owner FROM job", String.class);
            assertThat(owners).as("both replicas ran jobs").hasSize(2);
        }
    }
}
