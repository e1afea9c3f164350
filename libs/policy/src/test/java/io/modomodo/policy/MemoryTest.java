package io.modomodo.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.DecodingSession;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import org.junit.jupiter.api.Test;

/**
 * Native memory hygiene: repeated generate + update leaves no array behind on the model's manager.
 * Its managed-array list includes every sub-manager still open, so a scratch manager or a decoding
 * cache that was not released would show up here.
 */
class MemoryTest {

    @Test
    void twoHundredGenerateAndUpdateStepsLeaveNoArraysBehind() {
        try (VisionLanguagePolicy policy = TinyModels.model(61)) {
            GrpoConfig config = GrpoConfig.builder().groupSize(2).learningRate(1e-4).beta(0.01).build();
            try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                Generator generator = new Generator(policy);
                int[] prompt = policy.encodePrompt("m");
                float[] image = TinyModels.noise(16, 3);
                int afterFirst = -1;
                for (int step = 0; step < 200; step++) {
                    List<GenerationInput> inputs = List.of(new GenerationInput(image, prompt),
                            new GenerationInput(image, prompt));
                    List<Completion> completions = generator.generate(inputs,
                            new SamplingOptions(1.0, 1.0, 3, List.of(), step, step % 2 == 0));
                    List<Rollout> rollouts = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        rollouts.add(new Rollout(new PromptCompletion(image, prompt, completions.get(i).tokenIds()),
                                completions.get(i).logProbs(), i));
                    }
                    trainer.step(rollouts);
                    if (step == 0) {
                        afterFirst = policy.manager().getManagedArrays().size();
                    }
                }
                int parameters = policy.parameters().size();
                assertThat(afterFirst).as("parameters and two AdamW moments each").isEqualTo(3 * parameters);
                assertThat(policy.manager().getManagedArrays()).hasSize(afterFirst);
            }
        }
    }

    @Test
    void aDecodingSessionReleasesEverythingItAllocated() {
        try (VisionLanguagePolicy policy = TinyModels.model(62)) {
            int before = policy.manager().getManagedArrays().size();
            Generator generator = new Generator(policy);
            try (DecodingSession session = generator.openSession(2, 8, new SamplingOptions(1.0, 1.0, 5, List.of(),
                    0, true))) {
                for (int i = 0; i < 20; i++) {
                    session.submit(new GenerationInput(TinyModels.noise(16, i), policy.encodePrompt("m".repeat(i % 5))),
                            i);
                }
                session.step();
                // The count includes the session's arrays (its cache, mask and views): it must not grow
                // however many rows go through the session.
                int running = policy.manager().getManagedArrays().size();
                assertThat(session.drain()).hasSize(20);
                assertThat(policy.manager().getManagedArrays()).hasSize(running);
            }
            assertThat(policy.manager().getManagedArrays()).hasSize(before);
        }
    }
}
