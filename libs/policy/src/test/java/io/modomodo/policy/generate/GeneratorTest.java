package io.modomodo.policy.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import io.modomodo.policy.TinyModels;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.score.Scorer;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static List<GenerationInput> inputs(VisionLanguagePolicy policy) {
        List<GenerationInput> inputs = new ArrayList<>();
        String[] prompts = {"a", "what colour?", "xyz", "a longer prompt here"};
        for (int i = 0; i < prompts.length; i++) {
            inputs.add(new GenerationInput(TinyModels.noise(16, i), policy.encodePrompt(prompts[i])));
        }
        return inputs;
    }

    @Test
    void theSameSeedGivesTheSameCompletionsAndAnotherSeedOthers() {
        try (VisionLanguagePolicy policy = TinyModels.model(41)) {
            Generator generator = new Generator(policy);
            SamplingOptions options = new SamplingOptions(1.0, 0.95, 12, List.of(), 7, true);
            List<Completion> first = generator.generate(inputs(policy), options);
            List<Completion> second = generator.generate(inputs(policy), options);
            List<Completion> other = generator.generate(inputs(policy), options.withSeed(8));
            for (int i = 0; i < first.size(); i++) {
                assertThat(second.get(i).tokenIds()).isEqualTo(first.get(i).tokenIds());
                assertThat(second.get(i).logProbs()).isEqualTo(first.get(i).logProbs());
                assertThat(second.get(i).text()).isEqualTo(first.get(i).text());
            }
            assertThat(other.stream().map(Completion::tokenIds).toList())
                    .usingElementComparator((a, b) -> java.util.Arrays.equals(a, b) ? 0 : 1)
                    .isNotEqualTo(first.stream().map(Completion::tokenIds).toList());
        }
    }

    @Test
    void cachedAndUncachedGenerationSampleTheSameTokens() {
        try (VisionLanguagePolicy policy = TinyModels.model(42)) {
            Generator generator = new Generator(policy);
            SamplingOptions options = new SamplingOptions(1.0, 1.0, 10, List.of(), 3, true);
            // Repeated prompts, as in GRPO groups: the cached path prefills each distinct prompt once.
            List<GenerationInput> inputs = new ArrayList<>(inputs(policy));
            inputs.addAll(inputs(policy));
            inputs.add(inputs.get(1));
            List<Completion> cached = generator.generate(inputs, options);
            List<Completion> uncached = generator.generate(inputs, options.withCache(false));
            for (int i = 0; i < cached.size(); i++) {
                assertThat(uncached.get(i).tokenIds()).isEqualTo(cached.get(i).tokenIds());
                for (int t = 0; t < cached.get(i).logProbs().length; t++) {
                    assertThat(uncached.get(i).logProbs()[t]).isCloseTo(cached.get(i).logProbs()[t], within(1e-4f));
                }
            }
        }
    }

    @Test
    void samplingLogProbsEqualTeacherForcedScores() {
        try (VisionLanguagePolicy policy = TinyModels.model(43)) {
            List<GenerationInput> inputs = inputs(policy);
            for (double temperature : new double[] {1.0, 0.7}) {
                List<Completion> completions = new Generator(policy).generate(inputs,
                        new SamplingOptions(temperature, 1.0, 8, List.of(), 5, true));
                List<PromptCompletion> rows = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    rows.add(new PromptCompletion(inputs.get(i).image(), inputs.get(i).promptTokens(),
                            completions.get(i).tokenIds()));
                }
                List<float[]> scored = new Scorer(policy, 3).logProbs(rows, temperature);
                for (int i = 0; i < rows.size(); i++) {
                    assertThat(scored.get(i)).hasSameSizeAs(completions.get(i).logProbs());
                    for (int t = 0; t < scored.get(i).length; t++) {
                        assertThat(scored.get(i)[t]).isCloseTo(completions.get(i).logProbs()[t], within(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void stopsAtLengthAndReportsIt() {
        try (VisionLanguagePolicy policy = TinyModels.model(44)) {
            List<Completion> completions = new Generator(policy).generate(inputs(policy),
                    new SamplingOptions(1.0, 1.0, 5, List.of(), 1, true));
            for (Completion c : completions) {
                if (c.finishReason() == FinishReason.LENGTH) {
                    assertThat(c.tokenIds()).hasSize(5);
                }
                else {
                    assertThat(c.tokenIds()[c.tokenIds().length - 1]).isEqualTo(policy.tokenizer().eosId());
                }
                assertThat(c.logProbs()).hasSameSizeAs(c.tokenIds());
                for (float logProb : c.logProbs()) {
                    assertThat(logProb).isLessThanOrEqualTo(0f);
                }
            }
        }
    }

    @Test
    void stopsOnAStopStringAndKeepsIt() {
        try (VisionLanguagePolicy policy = TinyModels.model(45)) {
            // A random model emits arbitrary bytes: stop on whichever text it samples first, so the
            // test does not depend on training.
            List<GenerationInput> one = List.of(inputs(policy).get(0));
            Completion free = new Generator(policy).generate(one, new SamplingOptions(1.0, 1.0, 6, List.of(), 9, true))
                    .get(0);
            String firstText = policy.tokenizer().decode(new int[] {free.tokenIds()[0]});
            assertThat(firstText).as("seeded so that the first token is text").isNotEmpty();
            Completion stopped = new Generator(policy).generate(one,
                    new SamplingOptions(1.0, 1.0, 6, List.of(firstText), 9, true)).get(0);
            assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(stopped.tokenIds()).hasSize(1);
            assertThat(stopped.text()).isEqualTo(firstText);
        }
    }

    @Test
    void greedyDecodingIsDeterministicWithoutASeed() {
        try (VisionLanguagePolicy policy = TinyModels.model(46)) {
            Generator generator = new Generator(policy);
            List<Completion> a = generator.generate(inputs(policy), new SamplingOptions(0, 1, 6, List.of(), 1, true));
            List<Completion> b = generator.generate(inputs(policy), new SamplingOptions(0, 1, 6, List.of(), 2, true));
            for (int i = 0; i < a.size(); i++) {
                assertThat(b.get(i).tokenIds()).isEqualTo(a.get(i).tokenIds());
            }
        }
    }

    @Test
    void topPSamplesOnlyFromTheNucleus() {
        double[] weights = {0.5, 0.3, 0.15, 0.05};
        // topP 0.8 keeps {0.5, 0.3}: u below 0.5/0.8 draws id 0, above it id 1, never 2 or 3.
        assertThat(Generator.draw(weights, 1.0, 0.8, 0.0)).isEqualTo(0);
        assertThat(Generator.draw(weights, 1.0, 0.8, 0.62)).isEqualTo(0);
        assertThat(Generator.draw(weights, 1.0, 0.8, 0.63)).isEqualTo(1);
        assertThat(Generator.draw(weights, 1.0, 0.8, 0.9999)).isEqualTo(1);
        // topP 1 is the plain inverse CDF.
        assertThat(Generator.draw(weights, 1.0, 1.0, 0.97)).isEqualTo(3);
        // The nucleus is by probability, not by id.
        assertThat(Generator.draw(new double[] {0.05, 0.15, 0.3, 0.5}, 1.0, 0.5, 0.3)).isEqualTo(3);
    }

    @Test
    void rejectsBadOptionsAndInputs() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SamplingOptions(-1, 1, 5, List.of(), 0, true))
                .withMessageContaining("temperature");
        assertThatIllegalArgumentException().isThrownBy(() -> new SamplingOptions(1, 0, 5, List.of(), 0, true))
                .withMessageContaining("topP");
        assertThatIllegalArgumentException().isThrownBy(() -> new SamplingOptions(1, 1, 0, List.of(), 0, true))
                .withMessageContaining("maxNewTokens");
        try (VisionLanguagePolicy policy = TinyModels.model(47)) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Generator(policy).generate(
                    List.of(new GenerationInput(new float[10], policy.encodePrompt("a"))), SamplingOptions.of(3, 0)))
                    .withMessageContaining("images[0]");
            assertThatIllegalArgumentException().isThrownBy(() -> new Generator(policy).generate(
                    List.of(new GenerationInput(TinyModels.noise(16, 1), new int[60])), SamplingOptions.of(3, 0)))
                    .withMessageContaining("maxTextLength");
        }
    }
}
