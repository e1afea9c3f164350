package io.modomodo.reward.web;

import static io.modomodo.reward.web.Http.json;
import static io.modomodo.reward.web.Http.post;
import static io.modomodo.reward.web.Http.toJson;
import static io.modomodo.reward.web.ScoreEndpointIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/rewards/openrlhf} and {@code GET /api/v1/rewards/verifiers} through the real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class OpenRlhfAndVerifiersEndpointIT {

    private static final String OPENRLHF = "/api/v1/rewards/openrlhf";

    @LocalServerPort
    int port;

    @Test
    void scoresTheContractExample() {
        JsonNode body = json(post(port, OPENRLHF + "?verifier=number", """
                {"query": ["…prompt…<think>…</think><answer>4</answer>"], "prompts": ["…prompt…"], "labels": ["4"]}
                """));
        assertThat(doubles(body.get("rewards"))).containsExactly(2.0);
        assertThat(doubles(body.get("scores"))).containsExactly(1.0);
        assertThat(doubles(body.get("extra_logs").get("format"))).containsExactly(1.0);
        assertThat(doubles(body.get("extra_logs").get("accuracy"))).containsExactly(1.0);
    }

    @Test
    void removesThePromptAndEndMarkersAndReadsObjectLabels() {
        String prompt = "<|im_start|>user\nHow many?<|im_end|>\n<|im_start|>assistant\n";
        Map<String, Object> body = Map.of(
                "query", List.of(
                        prompt + "<think>count</think><answer>4</answer><|im_end|>",
                        prompt + "<think>t</think> <answer>B</answer><|eot_id|>\n",
                        prompt + "<think>t</think><answer>[0, 0, 10, 10]</answer></s><|endoftext|>",
                        prompt + "<answer>5</answer>"),
                "prompts", List.of(prompt, prompt, prompt, prompt),
                "labels", List.of("4", "{\"verifier\": \"choice\", \"answer\": \"B\"}",
                        Map.of("verifier", "iou", "answer", List.of(0, 0, 10, 20), "params", Map.of("threshold", 0.5)),
                        "4"));
        JsonNode response = json(post(port, OPENRLHF + "?verifier=number", toJson(body)));
        assertThat(doubles(response.get("rewards"))).containsExactly(2.0, 2.0, 2.0, 0.0);
        assertThat(doubles(response.get("scores"))).containsExactly(1.0, 1.0, 1.0, 0.0);
        assertThat(doubles(response.get("extra_logs").get("format"))).containsExactly(1.0, 1.0, 1.0, 0.0);
    }

    @Test
    void readsPlainLabelsThatLookLikeJsonAndFindsTheResponseWhenThePromptDiffers() {
        String chat = "<|im_start|>user\nWhich?<|im_end|>\n<|im_start|>assistant\n";
        Map<String, Object> body = Map.of(
                "query", List.of(
                        chat + "<think>t</think><answer>{\"a\": 1}</answer><|im_end|>",
                        chat + "<think>t</think><answer>\\{3, 2, 1\\}</answer><|im_end|>\n<|endoftext|>",
                        chat + "<think>t</think><answer>no</answer><|im_end|>"),
                // the decoded queries lost a space the prompts have: the assistant header marks the response
                "prompts", List.of(chat.replace("Which?", "Which ?"), chat.replace("Which?", "Which ?"), "x"),
                "labels", List.of("{\"a\": 1}", "{1,2,3}", "{\"verifier\": \"yes_no\", \"answer\": \"No\"}"));
        JsonNode response = json(post(port, OPENRLHF + "?verifier=exact", toJson(body)));
        assertThat(doubles(response.get("rewards"))).containsExactly(2.0, 1.0, 2.0);
        assertThat(doubles(response.get("extra_logs").get("format"))).containsExactly(1.0, 1.0, 1.0);
        JsonNode math = json(post(port, OPENRLHF + "?verifier=math", toJson(Map.of(
                "query", List.of(chat + "<think>t</think><answer>\\{3, 2, 1\\}</answer>"),
                "prompts", List.of(chat), "labels", List.of("{1,2,3}")))));
        assertThat(doubles(math.get("scores"))).containsExactly(1.0);
        // an object that names a verifier but no answer is a mistake, not a plain answer
        assertProblem(post(port, OPENRLHF + "?verifier=exact", toJson(Map.of("query", List.of("x"),
                "labels", List.of("{\"verifier\": \"choice\"}")))), 400, "labels[0].answer");
    }

    @Test
    void answersEmptyListsWithEmptyLists() {
        JsonNode response = json(post(port, OPENRLHF, "{\"query\": [], \"prompts\": [], \"labels\": []}"));
        assertThat(response.get("rewards")).isEmpty();
        assertThat(response.get("scores")).isEmpty();
        assertThat(response.get("extra_logs").get("format")).isEmpty();
        assertThat(json(post(port, OPENRLHF, "{\"query\": []}")).get("rewards")).isEmpty();
    }

    @Test
    void refusesBadRequestsNamingTheField() {
        assertProblem(post(port, OPENRLHF + "?verifier=nope", "{\"query\": [], \"labels\": []}"), 400, "verifier");
        assertProblem(post(port, OPENRLHF, "{\"query\": [\"4\"], \"labels\": [\"4\"]}"), 400, "verifier");
        assertProblem(post(port, OPENRLHF + "?verifier=number", "{\"query\": [\"4\"], \"labels\": []}"), 400,
                "labels");
        assertProblem(post(port, OPENRLHF + "?verifier=number",
                "{\"query\": [\"4\"], \"prompts\": [], \"labels\": [\"4\"]}"), 400, "prompts");
        assertProblem(post(port, OPENRLHF + "?verifier=number", "{\"query\": [\"4\", \"5\"], \"labels\": [\"4\", \"x\"]}"),
                400, "labels[1]");
        assertProblem(post(port, OPENRLHF + "?verifier=number", "{\"query\": [\"4\", null], \"labels\": [\"4\", \"4\"]}"),
                400, "query[1]");
        assertProblem(post(port, OPENRLHF, "{\"query\": [\"4\"], \"labels\": [{\"verifier\": \"what\", \"answer\": \"4\"}]}"),
                400, "labels[0].verifier");
        assertProblem(post(port, OPENRLHF, "{\"query\": [\"4\"], \"labels\": [{\"verifier\": \"math\", \"answer\": \")(\"}]}"),
                400, "labels[0].answer");
        assertProblem(post(port, OPENRLHF + "?verifier=number&template=yaml", "{\"query\": [], \"labels\": []}"), 400,
                "template");
        assertProblem(post(port, OPENRLHF, "{\"labels\": []}"), 400, "query");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            many.add("4");
        }
        assertProblem(post(port, OPENRLHF + "?verifier=number", toJson(Map.of("query", many, "labels", many))), 413,
                "query");
    }

    @Test
    void listsEveryVerifierWithItsParamsAndDefaults() {
        JsonNode body = json(Http.get(port, "/api/v1/rewards/verifiers"));
        List<String> names = new ArrayList<>();
        body.get("verifiers").forEach(v -> names.add(v.get("name").asString()));
        assertThat(names).containsExactly("choice", "number", "math", "iou", "yes_no", "exact");
        JsonNode number = body.get("verifiers").get(1).get("params");
        assertThat(number.get("absTol").get("default").asDouble()).isEqualTo(1e-9);
        assertThat(number.get("relTol").get("default").asDouble()).isEqualTo(1e-6);
        JsonNode iou = body.get("verifiers").get(3).get("params");
        assertThat(iou.get("threshold").get("default").isNull()).isTrue();
        assertThat(iou.get("normalized").get("default").asBoolean()).isFalse();
        assertThat(iou.has("imageSize")).isTrue();
        assertThat(body.get("verifiers").get(0).get("params").has("options")).isTrue();
        assertThat(body.get("templates").get(0).asString()).isEqualTo("think-answer");
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }
}
