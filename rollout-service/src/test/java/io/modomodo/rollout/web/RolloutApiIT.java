package io.modomodo.rollout.web;

import static io.modomodo.rollout.RolloutTestSupport.json;
import static io.modomodo.rollout.RolloutTestSupport.plainPng;
import static io.modomodo.rollout.RolloutTestSupport.png;
import static io.modomodo.rollout.RolloutTestSupport.prompt;
import static io.modomodo.rollout.RolloutTestSupport.request;
import static io.modomodo.rollout.RolloutTestSupport.rollout;
import static io.modomodo.rollout.RolloutTestSupport.sampling;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.rollout.RolloutTestSupport;
import io.modomodo.testing.http.OperationalEndpoints;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/rollouts} through HTTP against a tiny policy in a temporary checkpoint store, with
 * small limits so that each can be crossed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modomodo.engine.threads=1",
        "modomodo.rollout.cache-size=1",
        "modomodo.rollout.limits.max-prompts=4",
        "modomodo.rollout.limits.max-samples-per-prompt=4",
        "modomodo.rollout.limits.max-sequences=8",
        "modomodo.rollout.limits.max-new-tokens=16",
        "modomodo.rollout.limits.max-image-bytes=4000",
        "modomodo.rollout.limits.max-image-side=64",
        "modomodo.rollout.limits.max-stop-strings=2",
        "modomodo.rollout.limits.max-body-bytes=60000",
        "modomodo.rollout.queue.capacity=32" })
@AutoConfigureMetrics
class RolloutApiIT {

    static final Path STORE = RolloutTestSupport.tinyStore();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("modomodo.rollout.checkpoint-dir", STORE::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void samplesCompletionsInTheShapeOfTheContract() {
        Map<String, Object> request = request(2, 3, sampling(1.0, 8, 5L));
        // One image as a data URI, the other bare.
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<Object>) request.get("prompts")).get(0);
        first.put("image", "data:image/png;base64," + first.get("image"));

        HttpResponse<String> response = rollout(port, request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("policyVersion").asLong()).as("no version means the latest").isEqualTo(2);
        JsonNode completions = body.get("completions");
        assertThat(completions).hasSize(6);
        long tokens = 0;
        for (int row = 0; row < 6; row++) {
            JsonNode completion = completions.get(row);
            assertThat(completion.get("promptId").asString()).isEqualTo("p" + row / 3);
            assertThat(completion.get("index").asInt()).isEqualTo(row % 3);
            int length = completion.get("tokenIds").size();
            assertThat(completion.get("logProbs").size()).isEqualTo(length);
            assertThat(length).isBetween(1, 8);
            String finish = completion.get("finishReason").asString();
            assertThat(finish).isIn("stop", "eos", "length");
            if (finish.equals("length")) {
                assertThat(length).isEqualTo(8);
            }
            for (JsonNode logProb : completion.get("logProbs")) {
                assertThat(logProb.asDouble()).isLessThanOrEqualTo(0.0).isGreaterThan(-100.0);
            }
            assertThat(completion.get("text").isString()).isTrue();
            tokens += length;
        }
        JsonNode stats = body.get("stats");
        assertThat(stats.get("completionTokens").asLong()).isEqualTo(tokens);
        // bos + "What colour is shape n?" (23 bytes) for each of the two prompts.
        assertThat(stats.get("promptTokens").asLong()).isEqualTo(2 * 24);
        assertThat(stats.get("seconds").asDouble()).isPositive();
    }

    @Test
    void servesAnExplicitOlderVersionAndEvictsBeyondTheCache() {
        Map<String, Object> request = request(1, 1, sampling(0.0, 4, null));
        request.put("policy", Map.of("name", "tiny", "version", 1));
        HttpResponse<String> older = rollout(port, request);
        assertThat(older.statusCode()).as(older.body()).isEqualTo(200);
        assertThat(json(older).get("policyVersion").asLong()).isEqualTo(1);
        request.put("policy", Map.of("name", "tiny", "version", 2));
        assertThat(rollout(port, request).statusCode()).isEqualTo(200);

        String metrics = OperationalEndpoints.get(port, "/actuator/prometheus").body();
        assertThat(metric(metrics, "modomodo_rollout_cache_evictions_total")).isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "modomodo_rollout_cache_loads_seconds_count")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theSameSeedGivesTheSameCompletionsAndAnotherSeedOthers() {
        Map<String, Object> seeded = request(2, 2, sampling(1.0, 12, 42L));
        String first = json(rollout(port, seeded)).get("completions").toString();

        // Others sample the same policy at the same time; the seeded request must not notice.
        List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(CompletableFuture.supplyAsync(() -> rollout(port, request(2, 2, sampling(1.0, 12, null)))));
        }
        String again = json(rollout(port, seeded)).get("completions").toString();
        others.forEach(other -> assertThat(other.join().statusCode()).isEqualTo(200));

        assertThat(again).isEqualTo(first);
        Map<String, Object> reseeded = request(2, 2, sampling(1.0, 12, 43L));
        assertThat(json(rollout(port, reseeded)).get("completions").toString()).isNotEqualTo(first);
    }

    @Test
    void greedyDecodingIsRepeatableWithoutASeed() {
        Map<String, Object> greedy = request(2, 1, sampling(0.0, 10, null));
        JsonNode first = json(rollout(port, greedy)).get("completions");
        JsonNode second = json(rollout(port, greedy)).get("completions");
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).get("tokenIds")).isEqualTo(first.get(i).get("tokenIds"));
        }
    }

    @Test
    void concurrentRequestsEachGetTheirOwnCompletions() {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int request = r;
            responses.add(CompletableFuture.supplyAsync(() -> {
                Map<String, Object> body = request(1 + request % 2, 2, sampling(1.0, 6, null));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> prompts = (List<Map<String, Object>>) body.get("prompts");
                prompts.forEach(prompt -> prompt.put("id", "r" + request + "-" + prompt.get("id")));
                return rollout(port, body);
            }));
        }
        for (int r = 0; r < 4; r++) {
            HttpResponse<String> response = responses.get(r).join();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode completions = json(response).get("completions");
            assertThat(completions).hasSize(2 * (1 + r % 2));
            Set<String> ids = new HashSet<>();
            completions.forEach(c -> ids.add(c.get("promptId").asString()));
            String prefix = "r" + r + "-";
            assertThat(ids).allSatisfy(id -> assertThat(id).startsWith(prefix));
        }
        String metrics = OperationalEndpoints.get(port, "/actuator/prometheus").body();
        assertThat(metrics).contains("modomodo_rollout_requests_total{application=\"rollout-service\","
                + "outcome=\"completed\"}");
        assertThat(metric(metrics, "modomodo_rollout_completion_tokens_total")).isPositive();
        assertThat(metric(metrics, "modomodo_rollout_seconds_count")).isPositive();
        assertThat(metric(metrics, "modomodo_rollout_cache_hits_total")).isPositive();
        assertThat(metrics).contains("modomodo_rollout_queue_depth");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyLimitIsA413NamingItAndItsValue() {
        assertLimit(request(5, 1, sampling(1.0, 4, null)), "prompts", 4);
        assertLimit(request(1, 5, sampling(1.0, 4, null)), "samplesPerPrompt", 4);
        assertLimit(request(3, 3, sampling(1.0, 4, null)), "samplesPerPrompt", 8);
        assertLimit(request(1, 1, sampling(1.0, 17, null)), "sampling.maxNewTokens", 16);
        Map<String, Object> stops = request(1, 1, sampling(1.0, 4, null));
        ((Map<String, Object>) stops.get("sampling")).put("stop", List.of("a", "b", "c"));
        assertLimit(stops, "sampling.stop", 2);
        assertLimit(with(request(1, 1, null), 0, "image", png(48, 1)), "prompts[0].image", 4000);
        assertLimit(with(request(1, 1, null), 0, "image", plainPng(65)), "prompts[0].image", 64);
        assertLimit(with(request(2, 1, null), 1, "text", "x".repeat(50)), "prompts[1].text", 47);
        assertLimit(with(request(1, 1, null), 0, "text", "x".repeat(70_000)), "body", 60_000);
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertInvalid(Map.of("policy", Map.of("name", "tiny")), "prompts");
        assertInvalid(request(0, 1, null), "prompts");
        assertInvalid(request(1, 0, null), "samplesPerPrompt");
        assertInvalid(with(request(1, 1, null), 0, "id", null), "prompts[0].id");
        assertInvalid(with(request(2, 1, null), 1, "text", null), "prompts[1].text");
        assertInvalid(with(request(1, 1, null), 0, "image", null), "prompts[0].image");
        assertInvalid(with(request(1, 1, null), 0, "image", "%%%not base64%%%"), "prompts[0].image");
        assertInvalid(with(request(1, 1, null), 0, "image", "aGVsbG8gd29ybGQ="), "prompts[0].image");
        assertInvalid(with(request(1, 1, null), 0, "image", "data:image/gif;base64,R0lGOD"), "prompts[0].image");
        assertInvalid(request(1, 1, Map.of("temperature", -1)), "sampling.temperature");
        assertInvalid(request(1, 1, Map.of("topP", 2)), "sampling.topP");
        assertInvalid(request(1, 1, Map.of("topP", 0)), "sampling.topP");
        assertInvalid(request(1, 1, Map.of("maxNewTokens", 0)), "sampling.maxNewTokens");
        assertInvalid(request(1, 1, Map.of("stop", List.of(""))), "sampling.stop");
        assertInvalid(withPolicy(null), "policy");
        assertInvalid(withPolicy(Map.of("version", 1)), "policy.name");
        assertInvalid(withPolicy(Map.of("name", "../../etc")), "policy.name");
        assertInvalid(withPolicy(Map.of("name", "job:not-a-uuid")), "policy.name");
        assertInvalid(withPolicy(Map.of("name", "tiny", "version", 0)), "policy.version");
        assertInvalid("{\"policy\":{\"name\":\"tiny\"},\"prompts\":[],\"samplesPerPrompt\":\"many\"}",
                "samplesPerPrompt");
        assertProblem(rollout(port, "{\"policy\": "), 400, "malformed-body", problem -> { });
    }

    @Test
    void anUnknownPolicyOrVersionIsA404() {
        for (Object policy : List.of(Map.of("name", "nobody"), Map.of("name", "tiny", "version", 99),
                Map.of("name", "job:" + UUID.randomUUID()))) {
            assertProblem(rollout(port, withPolicy(policy)), 404, "not-found", problem -> { });
        }
    }

    @Test
    void servesHealthMetricsAndApiDocs() {
        OperationalEndpoints.assertServedOn(port);
    }

    private void assertLimit(Object request, String field, long limit) {
        assertProblem(rollout(port, request), 413, "limit-exceeded", problem -> {
            assertThat(problem.get("field").asString()).isEqualTo(field);
            assertThat(problem.get("limit").asLong()).isEqualTo(limit);
            assertThat(problem.get("detail").asString()).contains(String.valueOf(limit));
        });
    }

    private void assertInvalid(Object request, String field) {
        HttpResponse<String> response = rollout(port, request);
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("field")).as(response.body()).isNotNull();
        assertThat(problem.get("field").asString()).isEqualTo(field);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type,
            Consumer<JsonNode> more) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo("https://modomodo.io/problems/" + type);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/rollouts");
        more.accept(problem);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> with(Map<String, Object> request, int prompt, String key, Object value) {
        ((List<Map<String, Object>>) request.get("prompts")).get(prompt).put(key, value);
        return request;
    }

    private static Map<String, Object> withPolicy(Object policy) {
        Map<String, Object> request = new LinkedHashMap<>(request(1, 1, null));
        request.put("policy", policy);
        return request;
    }

    private static double metric(String prometheus, String name) {
        return prometheus.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
