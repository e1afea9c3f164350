package io.modomodo.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RewardScorerTest {

    private final VerifierRegistry registry = VerifierRegistry.standard();

    @ParameterizedTest
    @ValueSource(strings = {"<think>x</think><answer>B</answer>", "  <think>x</think>\n\n<answer>B</answer>\n",
        "<think></think> <answer>B</answer>"})
    void givesFormatOneToAThinkThenAnswerResponse(String response) {
        assertThat(Template.THINK_ANSWER.format(response)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<answer>B</answer>", "<think>x</think><answer>B</answer> trailing",
        "lead <think>x</think><answer>B</answer>", "<think>x</think><answer>A</answer><answer>B</answer>",
        "<think>x<think>y</think><answer>B</answer>", "<think>x</think>text<answer>B</answer>", "B",
        "<think>x</think><answer>B", "<answer>B</answer><think>x</think>", ""})
    void givesFormatZeroToAnythingElse(String response) {
        assertThat(Template.THINK_ANSWER.format(response)).as(response).isZero();
    }

    @Test
    void answerTemplateWantsExactlyOneAnswerBlock() {
        assertThat(Template.ANSWER.format(" <answer>4</answer> ")).isEqualTo(1.0);
        assertThat(Template.ANSWER.format("<think>x</think><answer>4</answer>")).isZero();
        assertThat(Template.ANSWER.format("<answer>4</answer><answer>4</answer>")).isZero();
        assertThat(Template.NONE.format("anything")).isEqualTo(1.0);
        assertThat(Template.fromId("think-answer")).contains(Template.THINK_ANSWER);
        assertThat(Template.fromId("nope")).isEmpty();
    }

    @Test
    void extractsTheLastAnswerThenTheLastBoxedThenTheWholeText() {
        assertThat(AnswerExtractor.extract("<answer>A</answer> then <answer> B </answer>")).isEqualTo("B");
        assertThat(AnswerExtractor.extract("so \\boxed{3} or rather \\boxed{\\frac{1}{2}}")).isEqualTo("\\frac{1}{2}");
        assertThat(AnswerExtractor.extract("  just 4  ")).isEqualTo("just 4");
        assertThat(AnswerExtractor.extract("\\boxed{unbalanced")).isEqualTo("\\boxed{unbalanced");
        assertThat(AnswerExtractor.extract("<answer>open only")).isEqualTo("<answer>open only");
    }

    @Test
    void rewardIsTheWeightedSumOfFormatAndAccuracy() {
        GoldAnswer gold = registry.find("choice").orElseThrow().prepare("B", Map.of());
        Score perfect = RewardScorer.score(Template.THINK_ANSWER, Weights.DEFAULT, gold,
                "<think>easy</think><answer>B</answer>");
        assertThat(perfect).isEqualTo(new Score(2.0, 1.0, 1.0, "B"));
        assertThat(perfect.normalized(Weights.DEFAULT)).isEqualTo(1.0);

        Score unformatted = RewardScorer.score(Template.THINK_ANSWER, new Weights(0.5, 2.0), gold, "B");
        assertThat(unformatted).isEqualTo(new Score(2.0, 0.0, 1.0, "B"));

        Score wrong = RewardScorer.score(Template.NONE, Weights.DEFAULT, gold, "<answer>C</answer>");
        assertThat(wrong).isEqualTo(new Score(1.0, 1.0, 0.0, "C"));
        assertThat(wrong.normalized(new Weights(0, 0))).isZero();
    }

    @Test
    void registryNamesTheBuiltInVerifiersAndAcceptsNewOnes() {
        assertThat(registry.names()).containsExactly("choice", "number", "math", "iou", "yes_no", "exact");
        Verifier always = new Verifier() {
            @Override
            public String name() {
                return "always";
            }

            @Override
            public String description() {
                return "Everything is right.";
            }

            @Override
            public java.util.List<VerifierParam> params() {
                return java.util.List.of();
            }

            @Override
            public GoldAnswer prepare(Object gold, Map<String, ?> params) {
                return answer -> new Verdict(1.0, answer);
            }
        };
        VerifierRegistry custom = VerifierRegistry.builder().register(always).build();
        assertThat(custom.find("always")).contains(always);
        assertThat(custom.find("choice")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerifierRegistry.builder().register(always)
                .register(always)).isInstanceOf(IllegalArgumentException.class);
    }
}
