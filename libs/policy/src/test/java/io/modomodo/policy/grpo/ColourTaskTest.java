package io.modomodo.policy.grpo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.modomodo.policy.TinyModels;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.train.OptimizerConfig;
import io.modomodo.policy.train.SupervisedTrainer;
import org.junit.jupiter.api.Test;

/**
 * GRPO end to end on a task with a verifiable reward: say the colour of a solid image. A supervised
 * warm-start teaches the answer format with colours drawn at random (so the model learns to answer
 * with a colour word, not which one), leaving the reward near chance (1/4); GRPO must then learn to
 * read the image from the reward alone. The reward is computed here, as a verifier would.
 */
class ColourTaskTest {

    static final String[] COLOURS = {"red", "green", "blue", "yellow"};
    static final float[][] RGB = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 0}};

    @Test
    void grpoLearnsToNameTheColourOfTheImage() {
        long started = System.nanoTime();
        try (VisionLanguagePolicy policy = TinyModels.model(11)) {
            int[] prompt = policy.encodePrompt("colour?");
            int eos = policy.tokenizer().eosId();
            SplittableRandom random = new SplittableRandom(7);
            SupervisedTrainer warmStart = new SupervisedTrainer(policy, OptimizerConfig.adamW(3e-3));
            for (int step = 0; step < 40; step++) {
                List<PromptCompletion> batch = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int shown = random.nextInt(4);
                    int said = random.nextInt(4);
                    batch.add(new PromptCompletion(image(shown, random), prompt, answer(policy, said, eos)));
                }
                warmStart.step(batch);
            }
            Generator generator = new Generator(policy);
            double before = meanReward(generator, prompt, new SplittableRandom(99), 128, 1000);
            assertThat(before).as("reward after the warm-start").isLessThan(0.3);

            GrpoConfig config = GrpoConfig.builder().groupSize(8).learningRate(1.5e-3).seed(3).build();
            double[] recent = new double[3];
            int steps = 0;
            try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                // Stop once the on-policy reward of the last three batches averages above 0.97.
                while (steps < 150 && (recent[0] + recent[1] + recent[2]) / 3 <= 0.97) {
                    int step = steps++;
                    List<Rollout> rollouts = new ArrayList<>();
                    List<GenerationInput> inputs = new ArrayList<>();
                    int[] shown = new int[16];
                    for (int p = 0; p < 16; p++) {
                        shown[p] = p % 4;
                        float[] image = image(shown[p], random);
                        for (int g = 0; g < 8; g++) {
                            inputs.add(new GenerationInput(image, prompt));
                        }
                    }
                    List<Completion> completions = generator.generate(inputs, SamplingOptions.of(8, step));
                    for (int i = 0; i < completions.size(); i++) {
                        Completion c = completions.get(i);
                        rollouts.add(new Rollout(new PromptCompletion(inputs.get(i).image(), prompt, c.tokenIds()),
                                c.logProbs(), reward(c.text(), shown[i / 8])));
                    }
                    recent[step % 3] = trainer.step(rollouts).rewardMean();
                }
            }
            double after = meanReward(generator, prompt, new SplittableRandom(555), 128, 5000);
            System.out.printf("colour task: reward %.3f -> %.3f after %d GRPO steps of 16x8, %.1f s in all%n", before,
                    after, steps, (System.nanoTime() - started) / 1e9);
            assertThat(after).as("reward after GRPO").isGreaterThan(0.9);
        }
    }

    static float[] image(int colour, SplittableRandom random) {
        // Slight noise so the model cannot memorise exact pixels.
        float[] image = TinyModels.solid(16, RGB[colour][0], RGB[colour][1], RGB[colour][2]);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) Math.min(1, Math.max(0, image[i] + (random.nextDouble() - 0.5) * 0.2));
        }
        return image;
    }

    static int[] answer(VisionLanguagePolicy policy, int colour, int eos) {
        int[] text = policy.tokenizer().encode(COLOURS[colour]);
        int[] ids = java.util.Arrays.copyOf(text, text.length + 1);
        ids[text.length] = eos;
        return ids;
    }

    static double reward(String text, int colour) {
        return text.trim().equals(COLOURS[colour]) ? 1.0 : 0.0;
    }

    static double meanReward(Generator generator, int[] prompt, SplittableRandom random, int n, long seed) {
        List<GenerationInput> inputs = new ArrayList<>();
        int[] shown = new int[n];
        for (int i = 0; i < n; i++) {
            shown[i] = random.nextInt(4);
            inputs.add(new GenerationInput(image(shown[i], random), prompt));
        }
        List<Completion> completions = generator.generate(inputs, SamplingOptions.of(8, seed));
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += reward(completions.get(i).text(), shown[i]);
        }
        return total / n;
    }
}
