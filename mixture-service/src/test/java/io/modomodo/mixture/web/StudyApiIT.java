package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.postgres.RealPostgres;
import tools.jackson.databind.JsonNode;

/** Studies and designs through the real server on PostgreSQL. */
// Same annotations as the other ITs, so they all share one application context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class StudyApiIT {

    static final String VL5 = """
            {"name": "vl-5", "domains": ["count", "ground", "attribute", "spatial", "arith"],
             "bounds": {"count": {"min": 0.0, "max": 0.6}, "arith": {"min": 0.05}}}""";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void createsAStudyWithLocationAndReadsItBack() {
        HttpResponse<String> created = http.post("/api/v1/studies", VL5);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode study = Http.JSON.readTree(created.body());
        String id = study.path("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/studies/" + id);
        assertThat(study.path("name").asString()).isEqualTo("vl-5");
        assertThat(study.path("domains").toString()).isEqualTo("[\"count\",\"ground\",\"attribute\",\"spatial\",\"arith\"]");
        assertThat(study.path("bounds").path("count").path("max").asDouble()).isEqualTo(0.6);
        assertThat(study.path("bounds").path("arith").path("max").asDouble()).isEqualTo(1.0);
        assertThat(study.path("createdAt").asString()).isNotBlank();

        assertThat(http.getOk("/api/v1/studies/" + id)).isEqualTo(study);
        List<String> listed = new ArrayList<>();
        http.getOk("/api/v1/studies").path("studies").forEach(s -> listed.add(s.path("id").asString()));
        assertThat(listed).contains(id);
    }

    @Test
    void rejectsBadStudiesNamingTheField() {
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "one", "domains": ["count"]}"""), "domains");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "none"}"""), "domains");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "dup", "domains": ["count", "ground", "count"]}"""), "domains[2]");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "", "domains": ["a", "b"]}"""), "name");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", " "]}"""), "domains[1]");
        JsonNode infeasible = http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", "b", "c"],
                 "bounds": {"a": {"min": 0.5}, "b": {"min": 0.6}}}"""), "bounds");
        assertThat(infeasible.path("detail").asString()).contains("no feasible mixture");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", "b"], "bounds": {"a": {"max": 0.3}, "b": {"max": 0.3}}}"""), "bounds");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", "b"], "bounds": {"z": {"max": 0.3}}}"""), "bounds.z");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", "b"], "bounds": {"a": {"min": 0.6, "max": 0.3}}}"""), "bounds.a");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", "b"], "bounds": {"a": {"max": 1.5}}}"""), "bounds.a.max");
        http.assertBadRequest(http.post("/api/v1/studies", """
                {"name": "x", "domains": ["a", "b"], "bounds": {"a": {"min": NaN}}}"""), "bounds.a.min");
        http.assertProblem(http.post("/api/v1/studies", "{not json"), 400, null);
        http.assertBadRequest(http.post("/api/v1/studies", "{\"name\": \"" + "n".repeat(201)
                + "\", \"domains\": [\"a\", \"b\"]}"), "name");
        StringBuilder many = new StringBuilder("{\"name\": \"wide\", \"domains\": [");
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ", ").append("\"d").append(i).append('"');
        }
        http.assertProblem(http.post("/api/v1/studies", many.append("]}").toString()), 413, "domains");
    }

    @Test
    void unknownStudyIsNotFoundEverywhere() {
        String missing = "/api/v1/studies/00000000-0000-0000-0000-000000000000";
        http.assertProblem(http.get(missing), 404, null);
        http.assertProblem(http.get("/api/v1/studies/not-a-uuid"), 404, null);
        http.assertProblem(http.get(missing + "/runs"), 404, null);
        http.assertProblem(http.post(missing + "/designs", "{\"strategy\": \"seeds\"}"), 404, null);
        http.assertProblem(http.post(missing + "/runs", "{\"weights\": {\"a\": 1}, \"score\": 1}"), 404, null);
        http.assertProblem(http.post(missing + "/fits", "{\"model\": \"linear\"}"), 404, null);
        http.assertProblem(http.post(missing + "/proposals", "{}"), 404, null);
    }

    @Test
    void designsRespectBoundsSumToOneAreDeterministicAndSkipRuns() {
        String id = http.postOk("/api/v1/studies", VL5, 201).path("id").asString();
        String designs = "/api/v1/studies/" + id + "/designs";
        for (String strategy : List.of("seeds", "dirichlet", "space-filling")) {
            String request = "{\"strategy\": \"" + strategy + "\", \"count\": 20, \"seed\": 7, \"alpha\": 1.0}";
            JsonNode mixtures = http.postOk(designs, request, 200).path("mixtures");
            assertThat(mixtures.size()).as(strategy).isEqualTo(strategy.equals("seeds") ? 11 : 20);
            for (JsonNode mixture : mixtures) {
                JsonNode w = mixture.path("weights");
                assertThat(w.size()).isEqualTo(5);
                double sum = 0;
                for (String domain : List.of("count", "ground", "attribute", "spatial", "arith")) {
                    sum += w.path(domain).asDouble();
                }
                assertThat(sum).isCloseTo(1.0, within(1e-9));
                assertThat(w.path("count").asDouble()).isLessThanOrEqualTo(0.6 + 1e-9);
                assertThat(w.path("arith").asDouble()).isGreaterThanOrEqualTo(0.05 - 1e-9);
            }
            assertThat(http.postOk(designs, request, 200).path("mixtures")).isEqualTo(mixtures);
        }

        JsonNode first = http.postOk(designs, "{\"strategy\": \"seeds\", \"count\": 1}", 200)
                .path("mixtures").get(0).path("weights");
        http.postOk("/api/v1/studies/" + id + "/runs", "{\"weights\": " + first + ", \"score\": 0.4}", 201);
        JsonNode after = http.postOk(designs, "{\"strategy\": \"seeds\", \"count\": 20}", 200).path("mixtures");
        assertThat(after.size()).isEqualTo(10);
        after.forEach(m -> assertThat(m.path("weights")).isNotEqualTo(first));
    }

    @Test
    void rejectsBadDesignRequestsNamingTheField() {
        String id = http.postOk("/api/v1/studies", VL5, 201).path("id").asString();
        String designs = "/api/v1/studies/" + id + "/designs";
        http.assertBadRequest(http.post(designs, "{\"strategy\": \"latin-hypercube\"}"), "strategy");
        http.assertBadRequest(http.post(designs, "{}"), "strategy");
        http.assertBadRequest(http.post(designs, "{\"strategy\": \"dirichlet\", \"count\": 0}"), "count");
        http.assertBadRequest(http.post(designs, "{\"strategy\": \"dirichlet\", \"alpha\": -1}"), "alpha");
        http.assertProblem(http.post(designs, "{\"strategy\": \"dirichlet\", \"count\": 100000}"), 413, "count");
    }
}
