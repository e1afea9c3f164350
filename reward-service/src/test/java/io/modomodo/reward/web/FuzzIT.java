package io.modomodo.reward.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Random and hostile bodies at both endpoints: every answer is a client error or a success, never a
 * 5xx, and every one comes back (the client times out after 10 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class FuzzIT {

    private static final String[] PATHS = {"/api/v1/rewards/score", "/api/v1/rewards/openrlhf?verifier=math"};
    private static final String VALID_SCORE = """
            {"template": "think-answer", "weights": {"format": 1.0, "accuracy": 1.0}, "items": [
             {"id": "q1", "verifier": "choice", "response": "<think>x</think><answer>B</answer>", "answer": "B"},
             {"id": "q2", "verifier": "number", "response": "<answer>1,000</answer>", "answer": "1000", "params": {"relTol": 0.1}},
             {"id": "q3", "verifier": "iou", "response": "[1, 2, 3, 4]", "answer": [1, 2, 3, 4], "params": {"threshold": 0.5}},
             {"id": "q4", "verifier": "math", "response": "\\\\boxed{\\\\frac{1}{2}}", "answer": "0.5"}]}
            """;
    private static final String VALID_OPENRLHF = """
            {"query": ["p<think>x</think><answer>\\\\sqrt{2}</answer><|im_end|>"], "prompts": ["p"], "labels": ["\\\\sqrt{2}"]}
            """;

    @LocalServerPort
    int port;

    @Test
    void hostileBodiesGetClientErrorsNeverServerErrors() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : hostileTexts()) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'i', 't', 'e', 'm', 's', '"', ':', '[', '"', (byte) 0xC3, (byte) 0x28, '"', ']', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        bodies.add(("{\"query\": [\"" + "\u0000") .getBytes(StandardCharsets.UTF_8));
        for (String path : PATHS) {
            for (byte[] body : bodies) {
                assertClientErrorOrSuccess(path, body);
            }
        }
    }

    @Test
    void randomMutationsOfValidBodiesGetClientErrorsNeverServerErrors() {
        SplittableRandom random = new SplittableRandom(20261127);
        byte[][] seeds = {VALID_SCORE.getBytes(StandardCharsets.UTF_8), VALID_OPENRLHF.getBytes(StandardCharsets.UTF_8)};
        byte[] alphabet = "{}[]\",:0123456789.eE-+ntrufalsx\\ \u00ff".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 300; i++) {
            int which = i % 2;
            byte[] body = seeds[which].clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(body.length);
                switch (random.nextInt(3)) {
                    case 0 -> body[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> body[at] = (byte) random.nextInt(256);
                    default -> {
                        byte[] shorter = new byte[at];
                        System.arraycopy(body, 0, shorter, 0, at);
                        body = shorter.length == 0 ? new byte[] {'{'} : shorter;
                    }
                }
            }
            assertClientErrorOrSuccess(PATHS[which], body);
        }
    }

    private void assertClientErrorOrSuccess(String path, byte[] body) {
        HttpResponse<String> response = Http.post(port, path, body, "application/json");
        assertThat(response.statusCode()).as("%s with %.200s", path, new String(body, StandardCharsets.UTF_8))
                .isIn(200, 400, 413);
        if (response.statusCode() != 200) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private static List<String> hostileTexts() {
        String item = "{\"id\": \"h\", \"verifier\": \"%s\", \"response\": %s, \"answer\": %s}";
        List<String> texts = new ArrayList<>(List.of(
                "", " ", "{", "}", "[", "null", "true", "1", "\"x\"", "{\"items\": null}", "{\"items\": {}}",
                "{\"items\": [[]]}", "{\"items\": [\"x\"]}", "{\"items\": [{\"id\": {}}]}", "{\"items\": [{\"params\": []}]}",
                "{\"weights\": [], \"items\": []}", "{\"weights\": {\"format\": \"x\"}, \"items\": []}",
                "{\"weights\": {\"format\": 1e999999}, \"items\": []}", "{\"template\": 5, \"items\": []}",
                "{\"query\": \"x\", \"labels\": \"y\"}", "{\"query\": [1, 2], \"labels\": [{}, []]}",
                "{\"query\": [\"a\"], \"labels\": [{\"answer\": 1, \"params\": 5}]}",
                "{\"query\": [\"a\"], \"labels\": [\"{\\\"answer\\\": \\\"x\\\", \\\"verifier\\\": 7}\"]}",
                "{\"query\": [\"a\"], \"labels\": [\"{not json\"]}",
                "{\"items\": [{\"id\": \"a\", \"verifier\": \"number\", \"response\": \"4\", \"answer\": 1" + "0".repeat(2000) + "}]}",
                "{\"items\": [{\"id\": \"a\", \"verifier\": \"number\", \"response\": \"4\", \"answer\": \"1" + "0".repeat(5000) + "\"}]}",
                "{\"items\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                "{\"items\": [{\"id\": \"a\", \"verifier\": \"choice\", \"response\": \"B\", \"answer\": \"B\", \"params\": "
                        + "{\"x\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}]}",
                "{\"items\": [{\"id\": \"a\", \"verifier\": \"choice\", \"response\": \"B\", \"answer\": \"B\", \"params\": {\"options\": {\"AA\": 1}}}]}",
                "{\"items\": [" + "{},".repeat(20_000) + "{}]}",
                "{\"items\": [], \"items\": [1]}", "{\"items\": [] /* comment */}", "{'items': []}", "{\"items\": [],}"));
        String[][] answers = {
            {"math", "\"10^10^10^10\""}, {"math", "\"" + "(".repeat(30_000) + "\""}, {"math", "\"\\\\frac{\""},
            {"number", "\"1e999999\""}, {"number", "\"" + "9".repeat(50_000) + "\""}, {"iou", "[1e308, 1e308, -1e308, 5]"},
            {"iou", "[\"a\", \"b\", \"c\", \"d\"]"}, {"iou", "[1, 2, 3, 4, 5]"}, {"choice", "\"\""}, {"yes_no", "[]"},
            {"exact", "{}"}, {"exact", "\"\""}, {"math", "\"x^x^x^x^x^x^x^x^x^x^x^x^x^x^x^x\""}, {"number", "null"},
        };
        String[] responses = {"\"" + "10^".repeat(15_000) + "10\"", "\"" + "\\\\sqrt{".repeat(5_000) + "\"",
            "\"" + "9".repeat(60_000) + "\"", "\"<answer>" + "(".repeat(50_000) + "</answer>\"", "null", "5", "[]",
            "\"\\\\boxed{" + "{".repeat(40_000) + "\"", "\"\\ud800\""};
        for (String[] answer : answers) {
            for (String response : responses) {
                texts.add("{\"items\": [" + String.format(item, answer[0], response, answer[1]) + "]}");
            }
        }
        return texts;
    }
}
