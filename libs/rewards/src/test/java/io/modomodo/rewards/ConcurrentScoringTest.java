package io.modomodo.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Prepared gold answers are shared by threads: scores from four threads equal the single-thread scores. */
class ConcurrentScoringTest {

    @Test
    void sharedGoldAnswersScoreTheSameFromManyThreads() throws Exception {
        VerifierRegistry registry = VerifierRegistry.standard();
        List<GoldAnswer> golds = List.of(
                registry.find("choice").orElseThrow().prepare("B", Map.of()),
                registry.find("number").orElseThrow().prepare("1200", Map.of()),
                registry.find("math").orElseThrow().prepare("\\frac{3\\sqrt{2}}{2}", Map.of()),
                registry.find("iou").orElseThrow().prepare(List.of(10, 20, 110, 220),
                        Map.of("imageSize", List.of(640, 480))),
                registry.find("yes_no").orElseThrow().prepare("no", Map.of()),
                registry.find("exact").orElseThrow().prepare("New York", Map.of()));
        List<String> answers = List.of("B", "(C)", "1,200", "1300", "\\dfrac{3}{\\sqrt{2}}", "x^2", "[12, 18, 108, 225]",
                "[0.1, 0.1, 0.2, 0.2]", "No, it is not.", "Yes", "new york.", "Boston");
        List<Score> expected = new ArrayList<>();
        for (GoldAnswer gold : golds) {
            for (String answer : answers) {
                expected.add(RewardScorer.score(Template.THINK_ANSWER, Weights.DEFAULT, gold,
                        "<think>t</think><answer>" + answer + "</answer>"));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 2_000; round++) {
                        int k = 0;
                        for (GoldAnswer gold : golds) {
                            for (String answer : answers) {
                                Score score = RewardScorer.score(Template.THINK_ANSWER, Weights.DEFAULT, gold,
                                        "<think>t</think><answer>" + answer + "</answer>");
                                if (!score.equals(expected.get(k++))) {
                                    return false;
                                }
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        finally {
            pool.shutdownNow();
        }
    }
}
