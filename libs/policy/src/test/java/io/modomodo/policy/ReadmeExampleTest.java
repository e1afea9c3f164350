package io.modomodo.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.modomodo.policy.checkpoint.CheckpointStore;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.DecodingSession;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.GrpoStepStats;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.RgbImages;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Policy engine" example, verbatim but for the assertions, with the default model. */
class ReadmeExampleTest {

    @TempDir
    Path directory;

    @Test
    void theReadmeExampleRuns() throws IOException {
        BufferedImage red = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        red.createGraphics().setColor(java.awt.Color.RED);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(red, "png", png);
        byte[] pngBytes = png.toByteArray();

        ByteTokenizer tokenizer = new ByteTokenizer();
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(
                PolicyConfig.defaults(tokenizer.vocabularySize()), tokenizer)) {
            float[] image = RgbImages.decode(pngBytes, policy.config().imageSize());
            int[] prompt = policy.encodePrompt("What colour is the square?");

            List<GenerationInput> inputs = Collections.nCopies(8, new GenerationInput(image, prompt));
            List<Completion> completions = new Generator(policy).generate(inputs,
                    new SamplingOptions(1.0, 1.0, 64, List.of("</answer>"), 42L, true));

            GrpoConfig config = GrpoConfig.builder().groupSize(8).learningRate(1e-4).beta(0.04).build();
            try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                List<Rollout> rollouts = new ArrayList<>();
                for (Completion c : completions) {
                    double reward = c.text().contains("<answer>red</answer>") ? 1 : 0;
                    rollouts.add(new Rollout(new PromptCompletion(image, prompt, c.tokenIds()), c.logProbs(), reward));
                }
                GrpoStepStats stats = trainer.step(rollouts);
                assertThat(stats.updates()).isEqualTo(1);

                CheckpointStore store = new DirectoryCheckpointStore(directory.resolve("checkpoints"));
                long version = store.save(policy, trainer.optimizer().state(), Map.of("step", "1"));
                store.retainLast(3);
                try (LoadedCheckpoint loaded = store.load(version, DjlRuntime.preferredDevice())) {
                    assertThat(loaded.policy().values().get("token_embedding"))
                            .isEqualTo(policy.values().get("token_embedding"));
                }
            }
            assertThat(completions).hasSize(8);
        }
    }

    @Test
    void theContinuousBatchingExampleRuns() {
        ByteTokenizer tokenizer = new ByteTokenizer();
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(
                PolicyConfig.defaults(tokenizer.vocabularySize()), tokenizer)) {
            float[] image = new float[3 * 64 * 64];
            int[] prompt = policy.encodePrompt("What colour is the square?");
            List<Long> delivered = new ArrayList<>();

            Generator generator = new Generator(policy);
            try (DecodingSession session = generator.openSession(8, 48, SamplingOptions.of(64, 0L))) {
                long ticket = session.submit(new GenerationInput(image, prompt), 7L);
                while (!session.isIdle()) {
                    for (DecodingSession.SessionCompletion done : session.step()) {
                        System.out.println(done.ticket() + ": " + done.completion().text());
                        delivered.add(done.ticket());
                    }
                }
                assertThat(delivered).containsExactly(ticket);
            }
        }
    }
}
