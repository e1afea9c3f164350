package io.modomodo.reward.web;

import static io.modomodo.reward.web.Http.json;
import static io.modomodo.reward.web.Http.post;
import static io.modomodo.reward.web.Http.toJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/rewards/score} through the real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class ScoreEndpointIT {

    private static final String SCORE = "/api/v1/rewards/score";

    @LocalServerPort
    int port;

    @Test
    void scoresTheContractExample() {
        HttpResponse<String> response = post(port, SCORE, """
                {"template": "think-answer", "weights": {"format": 1.0, "accuracy": 1.0},
                 "items": [{"id": "q1", "verifier": "choice", "response": "<think>…</think><answer>B</answer>",
                            "answer": "B", "params": {}}]}
                """);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode result = json(response).get("results").get(0);
        assertThat(result.get("id").asString()).isEqualTo("q1");
        assertThat(result.get("reward").asDouble()).isEqualTo(2.0);
        assertThat(result.get("format").asDouble()).isEqualTo(1.0);
        assertThat(result.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(result.get("extracted").asString()).isEqualTo("B");
    }

    @Test
    void scoresEveryVerifierInItemOrder() {
        List<Map<String, Object>> items = List.of(
                item("a", "number", "<think>t</think><answer>There are 1,000 apples.</answer>", "1000"),
                item("b", "math", "<think>t</think><answer>\\frac{\\sqrt{8}}{2}</answer>", "\\sqrt{2}"),
                item("c", "iou", "<think>t</think><answer>{\"bbox_2d\": [60, 20, 160, 220]}</answer>",
                        List.of(10, 20, 110, 220)),
                item("d", "yes_no", "<think>t</think><answer>No, it is not.</answer>", "no"),
                item("e", "exact", "no tags at all, \\boxed{\\text{Paris}}", "paris"),
                item("f", "choice", "<think>t</think><answer>I cannot tell</answer>", "A"));
        JsonNode results = json(post(port, SCORE, toJson(Map.of("items", items)))).get("results");
        assertThat(results).hasSize(6);
        assertThat(results.get(0).get("id").asString()).isEqualTo("a");
        assertThat(results.get(0).get("reward").asDouble()).isEqualTo(2.0);
        assertThat(results.get(0).get("extracted").asString()).isEqualTo("1000");
        assertThat(results.get(1).get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(results.get(2).get("accuracy").asDouble()).isCloseTo(1.0 / 3, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(results.get(3).get("reward").asDouble()).isEqualTo(2.0);
        assertThat(results.get(4).get("format").asDouble()).isZero();
        assertThat(results.get(4).get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(results.get(5).get("reward").asDouble()).isEqualTo(1.0);
        assertThat(results.get(5).has("extracted")).isTrue();
        assertThat(results.get(5).get("extracted").isNull()).isTrue();
    }

    @Test
    void scoresAGroupSharingOneGoldItemByItem() {
        // A GRPO group: one gold, G completions; the gold is read once and shared, verdicts stay per item.
        Map<String, Object> withOptions = item("g4", "choice", "<answer>blue</answer>", "B");
        withOptions.put("params", Map.of("options", Map.of("A", "red", "B", "blue")));
        Map<String, Object> withOtherOptions = item("g5", "choice", "<answer>blue</answer>", "B");
        withOtherOptions.put("params", Map.of("options", Map.of("A", "blue", "B", "red")));
        List<Map<String, Object>> items = List.of(
                item("g1", "choice", "<answer>B</answer>", "B"),
                item("g2", "choice", "<answer>C</answer>", "B"),
                item("g3", "choice", "<answer>(B)</answer>", "B"),
                withOptions, withOtherOptions,
                item("g6", "number", "<answer>4</answer>", "4"),
                item("g7", "number", "<answer>4</answer>", "5"));
        JsonNode results = json(post(port, SCORE, toJson(Map.of("items", items)))).get("results");
        List<Double> accuracies = new ArrayList<>();
        results.forEach(result -> accuracies.add(result.get("accuracy").asDouble()));
        assertThat(accuracies).containsExactly(1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0);
    }

    @Test
    void appliesTemplateAndWeights() {
        Map<String, Object> body = Map.of("template", "none", "weights", Map.of("format", 0.5, "accuracy", 2.0),
                "items", List.of(item("x", "number", "4", "4")));
        JsonNode result = json(post(port, SCORE, toJson(body))).get("results").get(0);
        assertThat(result.get("reward").asDouble()).isEqualTo(2.5);
        Map<String, Object> answerOnly = Map.of("template", "answer", "weights", Map.of("format", 0.0),
                "items", List.of(item("x", "number", "<answer>4</answer>", "4")));
        JsonNode second = json(post(port, SCORE, toJson(answerOnly))).get("results").get(0);
        assertThat(second.get("format").asDouble()).isEqualTo(1.0);
        assertThat(second.get("reward").asDouble()).isEqualTo(1.0);
    }

    @Test
    void readsAwkwardAnswersAsACarefulGraderWould() {
        List<Map<String, Object>> items = List.of(
                item("a", "choice", "<think>t</think><answer>the answer is b</answer>", "B"),
                item("b", "choice", "<think>t</think><answer>the answer is b or c</answer>", "B"),
                item("c", "number", "<think>t</think><answer>about 1.5 million</answer>", "1500000"),
                item("d", "number", "<think>t</think><answer>x = 1 or x = 2</answer>", "2"),
                item("e", "math", "<think>t</think><answer>x = \\frac{\\pi}{2} \\approx 1.57</answer>", "\\frac{\\pi}{2}"),
                item("f", "math", "<think>t</think><answer>[1, 2)</answer>", "(1, 2)"),
                item("g", "math", "<think>t</think><answer>(-\\infty, 2]</answer>", "(-\\infty, 2]"),
                item("h", "iou", "<think>t</think><answer>[10, 20, 30, 40] or [50, 60, 70, 80]</answer>",
                        List.of(10, 20, 30, 40)),
                item("i", "yes_no", "<think>t</think><answer>Yes or no.</answer>", "yes"),
                item("j", "yes_no", "<think>t</think><answer>There is no cube, so the answer is yes.</answer>", true));
        JsonNode results = json(post(port, SCORE, toJson(Map.of("items", items)))).get("results");
        List<Double> accuracies = new ArrayList<>();
        results.forEach(r -> accuracies.add(r.get("accuracy").asDouble()));
        assertThat(accuracies).containsExactly(1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0);
        assertThat(results.get(1).get("extracted").isNull()).isTrue();
        assertThat(results.get(7).get("extracted").isNull()).isTrue();
        assertThat(results.get(2).get("extracted").asString()).isEqualTo("1500000");
    }

    @Test
    void answersAnEmptyBatchWithNoResults() {
        assertThat(json(post(port, SCORE, "{\"items\": []}")).get("results")).isEmpty();
    }

    @Test
    void refusesEachBadItemNamingItsIndexAndFieldAndScoresNothing() {
        double before = itemsCounted();
        assertProblem(post(port, SCORE, batchWith(1, item("z", "nope", "r", "B"))), 400, "items[1].verifier");
        assertProblem(post(port, SCORE, batchWith(3, item("z", "number", "r", "many"))), 400, "items[3].answer");
        assertProblem(post(port, SCORE, batchWith(2, item("z", "choice", "r", "AB"))), 400, "items[2].answer");
        assertProblem(post(port, SCORE, batchWith(1, item("z", "iou", "r", List.of(1, 2)))), 400, "items[1].answer");
        assertProblem(post(port, SCORE, batchWith(1, item("z", "math", "r", Map.of("a", 1)))), 400, "items[1].answer");
        assertProblem(post(port, SCORE, batchWith(1, item(null, "number", "r", "4"))), 400, "items[1].id");
        assertProblem(post(port, SCORE, batchWith(1, item(" ", "number", "r", "4"))), 400, "items[1].id");
        assertProblem(post(port, SCORE, batchWith(1, item("z", "number", null, "4"))), 400, "items[1].response");
        assertProblem(post(port, SCORE, batchWith(1, item("z", null, "r", "4"))), 400, "items[1].verifier");
        Map<String, Object> badParam = item("z", "number", "r", "4");
        badParam.put("params", Map.of("absTol", "wide"));
        assertProblem(post(port, SCORE, batchWith(1, badParam)), 400, "items[1].params.absTol");
        Map<String, Object> badBox = item("z", "iou", "r", List.of(1, 2, 3, 4));
        badBox.put("params", Map.of("imageSize", List.of(-1, 5)));
        assertProblem(post(port, SCORE, batchWith(1, badBox)), 400, "items[1].params.imageSize");
        assertProblem(post(port, SCORE, "{\"items\": [{\"id\": \"a\", \"verifier\": \"number\", \"response\": \"r\", "
                + "\"answer\": \"4\"}, null]}"), 400, "items[1]");
        assertProblem(post(port, SCORE, "{\"template\": \"xml\", \"items\": []}"), 400, "template");
        assertProblem(post(port, SCORE, "{\"weights\": {\"format\": -1}, \"items\": []}"), 400, "weights.format");
        assertProblem(post(port, SCORE, "{\"weights\": {\"accuracy\": 1e400}, \"items\": []}"), 400,
                "weights.accuracy");
        assertProblem(post(port, SCORE, "{\"weights\": {\"fromat\": 1}, \"items\": []}"), 400, "weights.fromat");
        assertProblem(post(port, SCORE, "{\"weights\": {\"format\": \"x\"}, \"items\": []}"), 400, "weights.format");
        assertProblem(post(port, SCORE, "{}"), 400, "items");
        assertThat(itemsCounted()).as("nothing of a refused request is scored").isEqualTo(before);
    }

    @Test
    void refusesMalformedBodiesAsProblems() {
        for (String body : List.of("", "{", "[]", "{\"items\": \"x\"}", "{\"items\": [1]}", "null", "{\"items\": [{\"id\": []}]}")) {
            HttpResponse<String> response = post(port, SCORE, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        HttpResponse<String> form = post(port, SCORE, "a=b".getBytes(), "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void refusesMoreThanTenThousandItemsAndLongResponsesStatingTheLimit() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            items.add(item("i" + i, "number", "4", "4"));
        }
        HttpResponse<String> tooMany = post(port, SCORE, toJson(Map.of("items", items)));
        assertProblem(tooMany, 413, "items");
        assertThat(json(tooMany).get("limit").asInt()).isEqualTo(10_000);
        assertThat(json(tooMany).get("detail").asString()).contains("10000");

        HttpResponse<String> exactly = post(port, SCORE, toJson(Map.of("items", items.subList(0, 10_000))));
        assertThat(exactly.statusCode()).isEqualTo(200);
        assertThat(json(exactly).get("results")).hasSize(10_000);

        String longResponse = "é".repeat(32_769); // 65,538 bytes in UTF-8, 32,769 chars
        HttpResponse<String> tooLong = post(port, SCORE, batchWith(0, item("z", "number", longResponse, "4")));
        assertProblem(tooLong, 413, "items[0].response");
        assertThat(json(tooLong).get("limit").asInt()).isEqualTo(65_536);
        assertThat(post(port, SCORE, batchWith(0, item("z", "number", "x".repeat(65_536), "4"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void recordsItemsByVerifierAndOutcomeExtractionFailuresAndBatchLatency() {
        double correctBefore = metric("modomodo_rewards_items_total{", "outcome=\"correct\"", "verifier=\"yes_no\"");
        double unreadableBefore = metric("modomodo_rewards_items_total{", "outcome=\"unreadable\"", "verifier=\"yes_no\"");
        double noBlockBefore = metric("modomodo_rewards_extraction_failures_total{", "reason=\"no_answer_block\"",
                "verifier=\"yes_no\"");
        double batchesBefore = metric("modomodo_rewards_batch_seconds_count{", "endpoint=\"score\"");
        List<Map<String, Object>> items = List.of(item("1", "yes_no", "<answer>yes</answer>", "yes"),
                item("2", "yes_no", "<answer>yes</answer>", "yes"), item("3", "yes_no", "maybe", "no"));
        assertThat(post(port, SCORE, toJson(Map.of("items", items))).statusCode()).isEqualTo(200);
        assertThat(metric("modomodo_rewards_items_total{", "outcome=\"correct\"", "verifier=\"yes_no\""))
                .isEqualTo(correctBefore + 2);
        assertThat(metric("modomodo_rewards_items_total{", "outcome=\"unreadable\"", "verifier=\"yes_no\""))
                .isEqualTo(unreadableBefore + 1);
        assertThat(metric("modomodo_rewards_extraction_failures_total{", "reason=\"no_answer_block\"",
                "verifier=\"yes_no\"")).isEqualTo(noBlockBefore + 1);
        assertThat(metric("modomodo_rewards_batch_seconds_count{", "endpoint=\"score\"")).isEqualTo(batchesBefore + 1);
    }

    /** The value of the Prometheus series whose line starts with {@code prefix} and has all {@code labels}. */
    private double metric(String prefix, String... labels) {
        String metrics = Http.get(port, "/actuator/prometheus").body();
        for (String line : metrics.split("\n")) {
            boolean match = line.startsWith(prefix);
            for (String label : labels) {
                match &= line.contains(label);
            }
            if (match) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0.0;
    }

    static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("type").asString()).startsWith("https://modomodo.io/problems/");
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private double itemsCounted() {
        String metrics = Http.get(port, "/actuator/prometheus").body();
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("modomodo_rewards_items_total{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** A batch of {@code index} good items followed by {@code bad} and one more good item. */
    private static String batchWith(int index, Map<String, Object> bad) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            items.add(item("ok" + i, "number", "<answer>4</answer>", "4"));
        }
        items.add(bad);
        items.add(item("after", "choice", "B", "B"));
        return toJson(Map.of("items", items));
    }

    static Map<String, Object> item(String id, String verifier, String response, Object answer) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (id != null) {
            item.put("id", id);
        }
        if (verifier != null) {
            item.put("verifier", verifier);
        }
        if (response != null) {
            item.put("response", response);
        }
        item.put("answer", answer);
        return item;
    }
}
