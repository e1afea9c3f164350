package io.modomodo.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: for any text, every verifier's reader either refuses a gold answer with a
 * {@link VerifierInputException} or checks answers without throwing, with accuracy in [0, 1] (seeded).
 */
class VerifierRobustnessTest {

    private static final String[] PIECES = {"\\frac", "\\sqrt", "{", "}", "(", ")", "[", "]", "^", "_", "\\boxed{",
        "\\text{", "<answer>", "</answer>", "<think>", "</think>", "1", "0", "9", ".", ",", "-", "+", "/", "*", "=",
        " ", "x", "e", "\\pi", "B", "yes", "no", "%", "$", "\\", "\\cdot", "10^", "e5", "{,}", "\\,", "bbox_2d", "\"",
        ":", "−", "×", "°", "one", "twenty", "\\left(", "\\right)", "|", "!", "\\infty", "é", "\uD83D\uDE00",
        // forms added by the hardening: fractions, powers, roots, ±, intervals, hedges, scale words
        "½", "²", "⁻", "√", "±", "\\pm", "\\overline{", "\\in", "\\approx", " or ", " and ", "million", "hundred",
        "answer is ", "(1, 2), (3, 4)", "\\sin^", "\\sin", "^{-1}", "1e-3", "[1, 2)", "\\frac12", " 1/2", "/"};

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void neverThrowsOnArbitraryTextAndKeepsAccuracyInRange() {
        VerifierRegistry registry = VerifierRegistry.standard();
        SplittableRandom random = new SplittableRandom(99);
        List<Map<String, ?>> paramsChoices = List.of(Map.of(), Map.of("threshold", 0.5),
                Map.of("normalized", true, "imageSize", List.of(640, 480)), Map.of("relTol", 0.01),
                Map.of("options", Map.of("A", "1", "B", "x")));
        for (int i = 0; i < 30_000; i++) {
            String gold = text(random);
            String response = text(random);
            for (Verifier verifier : registry.all()) {
                GoldAnswer prepared;
                try {
                    prepared = verifier.prepare(gold, paramsChoices.get(random.nextInt(paramsChoices.size())));
                }
                catch (VerifierInputException refused) {
                    continue;
                }
                for (Template template : Template.values()) {
                    Score score = RewardScorer.score(template, Weights.DEFAULT, prepared, response);
                    assertThat(score.accuracy()).as("%s gold '%s' answer '%s'", verifier.name(), gold, response)
                            .isBetween(0.0, 1.0);
                    assertThat(score.format()).isIn(0.0, 1.0);
                }
            }
        }
    }

    private static String text(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int pieces = random.nextInt(12);
        for (int p = 0; p < pieces; p++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
