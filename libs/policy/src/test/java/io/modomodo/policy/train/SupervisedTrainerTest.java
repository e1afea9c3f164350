package io.modomodo.policy.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.modomodo.policy.TinyModels;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import org.junit.jupiter.api.Test;

class SupervisedTrainerTest {

    @Test
    void overfitsATinyBatchUntilGreedyDecodingReproducesIt() {
        try (VisionLanguagePolicy policy = TinyModels.model(31)) {
            int eos = policy.tokenizer().eosId();
            float[] cat = TinyModels.noise(16, 10);
            float[] dog = TinyModels.noise(16, 11);
            int[] prompt = policy.encodePrompt("what is it?");
            List<PromptCompletion> batch = List.of(
                    new PromptCompletion(cat, prompt, withEos(policy.tokenizer().encode("<answer>cat</answer>"), eos)),
                    new PromptCompletion(dog, prompt, withEos(policy.tokenizer().encode("<answer>dog</answer>"), eos)));
            SupervisedTrainer trainer = new SupervisedTrainer(policy, OptimizerConfig.adamW(3e-3).withWarmupSteps(5));
            SupervisedStats first = trainer.step(batch);
            SupervisedStats last = first;
            for (int i = 0; i < 80; i++) {
                last = trainer.step(batch);
            }
            assertThat(first.learningRate()).as("warm-up").isCloseTo(3e-3 / 5, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(last.loss()).isLessThan(0.05).isLessThan(first.loss() / 50);
            assertThat(last.tokens()).as("five tokens and eos, twice").isEqualTo(12);
            assertThat(trainer.optimizer().stepCount()).isEqualTo(81);

            List<Completion> greedy = new Generator(policy).generate(List.of(new GenerationInput(cat, prompt),
                    new GenerationInput(dog, prompt)), new SamplingOptions(0, 1, 10, List.of(), 0, true));
            assertThat(greedy.get(0).text()).isEqualTo("<answer>cat</answer>");
            assertThat(greedy.get(1).text()).isEqualTo("<answer>dog</answer>");
        }
    }

    private static int[] withEos(int[] ids, int eos) {
        int[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = eos;
        return out;
    }
}
