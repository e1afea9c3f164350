package io.modomodo.reward.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.http.HostileRequests;
import io.modomodo.testing.http.HostileRequests.Operation;

/**
 * The shared hostile-input suite against every operation of the reward-service: never a 5xx, never
 * a Java name in a body, 413 naming the body limit for every oversize body (the limit is set small
 * here so that oversize bodies stay cheap to send).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "modomodo.reward.limits.max-body-bytes=" + HostileInputIT.MAX_BODY)
class HostileInputIT {

    static final long MAX_BODY = 300_000;

    @LocalServerPort
    int port;

    @Test
    void everyOperationAnswersHostileInputWithAProblemNeverA5xxOrAJavaName() {
        HostileRequests suite = HostileRequests.against(port, MAX_BODY, Map.of());
        suite.assertSafe(List.of(
                Operation.post("/api/v1/rewards/score", """
                        {"template": "think-answer", "weights": {"format": 1.0, "accuracy": 1.0}, "items": [
                         {"id": "q1", "verifier": "iou", "response": "<think>x</think><answer>[1, 2, 3, 4]</answer>",
                          "answer": [1, 2, 3, 4], "params": {"threshold": 0.5, "imageSize": [64, 64]}}]}"""),
                Operation.post("/api/v1/rewards/openrlhf?verifier=number", """
                        {"query": ["p<think>x</think><answer>4</answer>"], "prompts": ["p"],
                         "labels": [{"verifier": "number", "answer": "4", "params": {"absTol": 0.1}}]}"""),
                Operation.get("/api/v1/rewards/verifiers")));
        assertThat(suite.sent()).isGreaterThan(300);
    }
}
