package io.modomodo.policy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modomodo.policy.TinyModels;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyMetricsTest {

    @TempDir
    Path root;

    @Test
    void generationTrainingAndCheckpointsAreMetered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PolicyMetrics metrics = PolicyMetrics.of(registry);
        try (VisionLanguagePolicy policy = TinyModels.model(71);
                GrpoTrainer trainer = new GrpoTrainer(policy, GrpoConfig.builder().groupSize(2).build())
                        .optMetrics(metrics)) {
            float[] image = TinyModels.noise(16, 1);
            int[] prompt = policy.encodePrompt("m");
            List<GenerationInput> inputs = List.of(new GenerationInput(image, prompt), new GenerationInput(image, prompt));
            List<Completion> completions = new Generator(policy).optMetrics(metrics).generate(inputs,
                    new SamplingOptions(1.0, 1.0, 4, List.of(), 1, true));
            List<Rollout> rollouts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                rollouts.add(new Rollout(new PromptCompletion(image, prompt, completions.get(i).tokenIds()), null, i));
            }
            trainer.step(rollouts);
            DirectoryCheckpointStore store = new DirectoryCheckpointStore(root).optMetrics(metrics);
            store.load(store.save(policy, null, Map.of()), Device.cpu()).close();

            long tokens = completions.stream().mapToLong(c -> c.tokenIds().length).sum();
            assertThat(registry.get("modomodo.policy.generated.tokens").counter().count()).isEqualTo(tokens);
            assertThat(registry.get("modomodo.policy.generation").tag("cache", "true").timer().count()).isEqualTo(1);
            assertThat(registry.get("modomodo.policy.completions").counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isEqualTo(2);
            assertThat(registry.get("modomodo.policy.train.step").tag("kind", "grpo").timer().count()).isEqualTo(1);
            assertThat(registry.get("modomodo.policy.train.tokens").counter().count()).isEqualTo(tokens);
            assertThat(registry.get("modomodo.policy.train.last").tag("stat", "reward_mean").gauge().value())
                    .isEqualTo(0.5);
            assertThat(registry.get("modomodo.policy.scoring").timer().count()).as("old log-probs recomputed")
                    .isEqualTo(1);
            assertThat(registry.get("modomodo.policy.checkpoint").tag("operation", "save").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("modomodo.policy.checkpoint").tag("operation", "load").timer().count())
                    .isEqualTo(1);
        }
    }
}
