package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.modomodo.testing.postgres.RealPostgres;
import tools.jackson.databind.JsonNode;

/** Posting and reading runs through the real server on PostgreSQL. */
// Same annotations as the other ITs, so they all share one application context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class RunApiIT {

    private static final String STUDY = """
            {"name": "runs", "domains": ["a", "b", "c"]}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;
    String runs;

    @BeforeEach
    void study() {
        http = new Http(port);
        runs = "/api/v1/studies/" + http.postOk("/api/v1/studies", STUDY, 201).path("id").asString() + "/runs";
    }

    @Test
    void storesARunWithLocationAndAveragesScoresWhenScoreIsAbsent() {
        HttpResponse<String> created = http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.3, "c": 0.2},
                 "scores": {"mathvista": 0.41, "chartqa": 0.52}, "externalId": "ci-1"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode run = Http.JSON.readTree(created.body());
        assertThat(run.path("score").asDouble()).isCloseTo(0.465, within(1e-12));
        assertThat(run.path("externalId").asString()).isEqualTo("ci-1");
        assertThat(run.path("scores").path("chartqa").asDouble()).isEqualTo(0.52);
        assertThat(run.path("createdAt").asString()).isNotBlank();
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(runs + "/" + run.path("id").asString());
        assertThat(http.getOk(location)).isEqualTo(run);
    }

    @Test
    void anotherRunUnderAKnownExternalIdIsAConflictNamingIt() {
        http.postOk(runs, """
                {"weights": {"a": 0.2, "b": 0.3, "c": 0.5}, "scores": {"x": 0.5}, "externalId": "ci-9"}""", 201);
        for (String other : new String[] {
            "{\"weights\": {\"a\": 0.3, \"b\": 0.2, \"c\": 0.5}, \"scores\": {\"x\": 0.5}, \"externalId\": \"ci-9\"}",
            "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}, \"scores\": {\"x\": 0.6}, \"externalId\": \"ci-9\"}",
            "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}, \"scores\": {\"y\": 0.5}, \"externalId\": \"ci-9\"}",
            "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}, \"scores\": {\"x\": 0.5}, \"score\": 0.9, \"externalId\": \"ci-9\"}"}) {
            JsonNode conflict = http.assertProblem(http.post(runs, other), 409, "externalId");
            assertThat(conflict.path("type").asString()).isEqualTo("https://modomodo.io/problems/conflict");
            assertThat(conflict.path("detail").asString()).contains("ci-9");
        }
        // Weights that normalise to the same mixture, and the score equal to the mean, are the same run.
        http.postOk(runs, """
                {"weights": {"a": 0.2, "b": 0.3, "c": 0.5000000001}, "scores": {"x": 0.5}, "score": 0.5,
                 "externalId": "ci-9"}""", 200);
        assertThat(http.getOk(runs).path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aGivenScoreIsTheObjectiveWhateverTheScoresAndWithoutItTheirMeanIs() {
        JsonNode both = http.postOk(runs, """
                {"weights": {"a": 0.2, "b": 0.3, "c": 0.5}, "scores": {"in": 0.2, "ood": 0.6}, "score": 0.6}""", 201);
        assertThat(both.path("score").asDouble()).isEqualTo(0.6);
        assertThat(both.path("scores").path("in").asDouble()).isEqualTo(0.2);
        JsonNode mean = http.postOk(runs, """
                {"weights": {"a": 0.2, "b": 0.3, "c": 0.5}, "scores": {"in": 0.2, "ood": 0.6}}""", 201);
        assertThat(mean.path("score").asDouble()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
        http.assertBadRequest(http.post(runs, "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}}"), "score");
    }

    @Test
    void moreScoresThanTheLimitIs413NamingTheLimit() {
        StringBuilder scores = new StringBuilder();
        for (int i = 0; i <= 1000; i++) {
            scores.append(i == 0 ? "" : ",").append("\"s").append(i).append("\":0.5");
        }
        JsonNode problem = http.assertProblem(http.post(runs,
                "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}, \"scores\": {" + scores + "}}"), 413, "scores");
        assertThat(problem.path("limit").asLong()).isEqualTo(1000);
        assertThat(http.getOk(runs).path("total").asLong()).isZero();
    }

    @Test
    void theSameExternalIdAgainReturnsTheStoredRunNotADuplicate() {
        JsonNode first = http.postOk(runs, """
                {"weights": {"a": 0.2, "b": 0.3, "c": 0.5}, "score": 0.7, "externalId": "ci-1234"}""", 201);
        JsonNode again = http.postOk(runs, """
                {"weights": {"a": 0.2, "b": 0.3, "c": 0.5}, "score": 0.7, "externalId": "ci-1234"}""", 200);
        assertThat(again).isEqualTo(first);
        JsonNode page = http.getOk(runs);
        assertThat(page.path("total").asLong()).isEqualTo(1);
        // Without an externalId every post is a new run.
        http.postOk(runs, "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}, \"score\": 0.7}", 201);
        http.postOk(runs, "{\"weights\": {\"a\": 0.2, \"b\": 0.3, \"c\": 0.5}, \"score\": 0.7}", 201);
        assertThat(http.getOk(runs).path("total").asLong()).isEqualTo(3);
    }

    @Test
    void storedRunsListWeightsInTheStudysDomainOrder() {
        String ordered = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "order", "domains": ["zeta", "alpha", "mu"]}""", 201).path("id").asString() + "/runs";
        String body = """
                {"weights": {"mu": 0.2, "zeta": 0.3, "alpha": 0.5}, "score": 0.4, "externalId": "order-1"}""";
        http.postOk(ordered, body, 201);
        JsonNode replayed = http.postOk(ordered, body, 200);
        assertThat(replayed.path("weights").propertyNames()).containsExactly("zeta", "alpha", "mu");
        assertThat(http.getOk(ordered).path("runs").get(0).path("weights").propertyNames())
                .containsExactly("zeta", "alpha", "mu");
    }

    @Test
    void renormalisesWeightsWithinTolerance() {
        JsonNode run = http.postOk(runs, """
                {"weights": {"a": 0.3333333, "b": 0.3333333, "c": 0.3333333}, "score": 0.5}""", 201);
        double sum = run.path("weights").path("a").asDouble() + run.path("weights").path("b").asDouble()
                + run.path("weights").path("c").asDouble();
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsBadRunsNamingTheField() {
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": -0.1, "b": 0.6, "c": 0.5}, "score": 0.5}"""), "weights.a");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.3, "c": 0.2}, "score": "high"}"""), "score");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": [0.3], "c": 0.2}, "score": 0.5}"""), "weights.b");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.3, "c": 0.3}, "score": 0.5}"""), "weights");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.3, "c": 0.1, "d": 0.1}, "score": 0.5}"""), "weights.d");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5}, "score": 0.5}"""), "weights.c");
        http.assertBadRequest(http.post(runs, """
                {"score": 0.5}"""), "weights");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5, "c": 0}, "score": NaN}"""), "score");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5, "c": 0}, "score": 1e999}"""), "score");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5, "c": 0}, "scores": {"mathvista": Infinity}}"""), "scores.mathvista");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5, "c": 0}, "scores": {"mathvista": "NaN"}}"""), "scores.mathvista");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5, "c": 0}}"""), "score");
        http.assertBadRequest(http.post(runs, """
                {"weights": {"a": 0.5, "b": 0.5, "c": 0}, "score": 1, "externalId": "  "}"""), "externalId");
        assertThat(http.getOk(runs).path("total").asLong()).isZero();
    }

    @Test
    void pagesRunsInPostingOrderWithinTheSizeLimit() {
        for (int i = 0; i < 7; i++) {
            http.postOk(runs, "{\"weights\": {\"a\": 1, \"b\": 0, \"c\": 0}, \"score\": " + i + "}", 201);
        }
        JsonNode page = http.getOk(runs + "?page=1&size=3");
        assertThat(page.path("total").asLong()).isEqualTo(7);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(3);
        List<Double> scores = new ArrayList<>();
        page.path("runs").forEach(r -> scores.add(r.path("score").asDouble()));
        assertThat(scores).containsExactly(3.0, 4.0, 5.0);
        http.assertBadRequest(http.get(runs + "?size=0"), "size");
        http.assertBadRequest(http.get(runs + "?page=-1"), "page");
        http.assertProblem(http.get(runs + "?size=100000"), 413, "size");
    }

    @Test
    void concurrentPostsLoseNothingAndDuplicateNothing() throws Exception {
        int posts = 200;
        int distinctIds = 60;
        Map<String, Set<String>> runIdsByExternalId = new ConcurrentHashMap<>();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger replayed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                // ids 0..59 each appear several times; posts ≥ 180 carry no id and must all be stored
                String externalId = i < 180 ? "\"ci-" + (i % distinctIds) + "\"" : "null";
                double a = (i % distinctIds) / 100.0;
                String body = "{\"weights\": {\"a\": " + a + ", \"b\": " + (1 - a) + ", \"c\": 0}, \"score\": "
                        + a + ", \"externalId\": " + externalId + "}";
                int index = i;
                futures.add(pool.submit(() -> {
                    HttpResponse<String> response = http.post(runs, body);
                    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                    (response.statusCode() == 201 ? created : replayed).incrementAndGet();
                    String key = index < 180 ? "ci-" + (index % distinctIds) : "anonymous-" + index;
                    runIdsByExternalId.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                            .add(Http.JSON.readTree(response.body()).path("id").asString());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        finally {
            pool.shutdown();
        }
        int expected = distinctIds + 20;
        assertThat(created.get()).isEqualTo(expected);
        assertThat(replayed.get()).isEqualTo(posts - expected);
        assertThat(runIdsByExternalId).hasSize(expected);
        runIdsByExternalId.values().forEach(ids -> assertThat(ids).hasSize(1));
        String studyId = runs.split("/")[4];
        assertThat(jdbc.queryForObject("SELECT count(*) FROM run WHERE study_id = ?::uuid", Long.class, studyId))
                .isEqualTo(expected);
        Set<String> stored = new HashSet<>(jdbc.queryForList(
                "SELECT external_id FROM run WHERE study_id = ?::uuid AND external_id IS NOT NULL", String.class,
                studyId));
        assertThat(stored).hasSize(distinctIds);
    }
}
