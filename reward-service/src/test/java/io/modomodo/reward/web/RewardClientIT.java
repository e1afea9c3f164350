package io.modomodo.reward.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.HttpClientErrorException;

import io.modomodo.api.client.RewardClient;
import io.modomodo.api.client.ServiceClients;
import io.modomodo.api.reward.OpenRlhfRequest;
import io.modomodo.api.reward.RewardWeights;
import io.modomodo.api.reward.ScoreItem;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResult;

/** The shared Java client speaks the service's real contract, errors included. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RewardClientIT {

    @LocalServerPort
    int port;

    @Test
    void scoresThroughTheJavaClient() {
        RewardClient rewards = ServiceClients.create(RewardClient.class, "http://localhost:" + port);
        List<ScoreResult> results = rewards.score(new ScoreRequest(null, new RewardWeights(0.5, 1.0), List.of(
                new ScoreItem("q1", "choice", "<think>x</think><answer>(B)</answer>", "B", null),
                new ScoreItem("q2", "iou", "[0, 0, 10, 5]", List.of(0, 0, 10, 10), Map.of())))).results();
        assertThat(results).extracting(ScoreResult::id).containsExactly("q1", "q2");
        assertThat(results.get(0).reward()).isEqualTo(1.5);
        assertThat(results.get(1).accuracy()).isEqualTo(0.5);

        assertThat(rewards.openRlhf("number", new OpenRlhfRequest(List.of("p<think>t</think><answer>4</answer>"),
                List.of("p"), List.of("4"))).rewards()).containsExactly(2.0);
        assertThat(rewards.verifiers().verifiers()).isNotEmpty();
    }

    @Test
    void surfacesProblemsAsClientErrors() {
        RewardClient rewards = ServiceClients.create(RewardClient.class, "http://localhost:" + port);
        assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
                .isThrownBy(() -> rewards.score(new ScoreRequest(null, null,
                        List.of(new ScoreItem("q1", "nope", "B", "B", null)))))
                .satisfies(ex -> assertThat(ex.getResponseBodyAsString()).contains("items[0].verifier"));
    }
}
