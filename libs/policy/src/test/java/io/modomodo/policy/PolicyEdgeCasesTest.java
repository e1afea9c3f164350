package io.modomodo.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import ai.djl.Device;
import io.modomodo.policy.checkpoint.CheckpointCorruptedException;
import io.modomodo.policy.checkpoint.CheckpointNotFoundException;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.GrpoStepStats;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge cases of the public API that the feature tests do not reach. */
class PolicyEdgeCasesTest {

    @TempDir
    Path root;

    @Test
    void aBatchWhoseAdvantagesAreAllZeroGivesAFiniteLossAndGradientWithEmptyCompletionsMixedIn() {
        try (VisionLanguagePolicy policy = TinyModels.model(61)) {
            float[] image = TinyModels.noise(16, 6);
            int[] prompt = policy.encodePrompt("q");
            List<Rollout> rollouts = new ArrayList<>();
            int[][] completions = {{}, {65, 66}, {}, {67}};
            for (int[] completion : completions) {
                rollouts.add(new Rollout(new PromptCompletion(image, prompt, completion), null, 1.0));
            }
            GrpoConfig config = GrpoConfig.builder().groupSize(2).beta(0.04).entropyCoefficient(0.01)
                    .miniBatches(2).ppoEpochs(2).learningRate(1e-3).build();
            try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                GrpoStepStats stats = trainer.step(rollouts);
                assertThat(stats.advantageMax()).isZero();
                assertThat(stats.loss()).isFinite();
                assertThat(stats.gradientNorm()).isFinite();
                assertThat(stats.tokens()).isEqualTo(3);
            }
            float[] after = new io.modomodo.policy.score.Scorer(policy)
                    .logProbs(List.of(rollouts.get(1).sample()), 1.0).get(0);
            for (float value : after) {
                assertThat(value).isFinite();
            }
        }
    }

    @Test
    void oneEpochOnFreshLogProbsNeverClipsAndLargeLogProbGapsStayFinite() {
        try (VisionLanguagePolicy policy = TinyModels.model(62)) {
            float[] image = TinyModels.noise(16, 7);
            int[] prompt = policy.encodePrompt("q");
            PromptCompletion a = new PromptCompletion(image, prompt, new int[] {65, 66});
            PromptCompletion b = new PromptCompletion(image, prompt, new int[] {67, 68});
            try (GrpoTrainer trainer = new GrpoTrainer(policy, GrpoConfig.builder().groupSize(2).build())) {
                GrpoStepStats stats = trainer.step(List.of(new Rollout(a, null, 1), new Rollout(b, null, 0)));
                assertThat(stats.clipFraction()).isZero();
            }
            // Old log-probs far from the current ones: the ratio is clamped, nothing overflows.
            try (GrpoTrainer trainer = new GrpoTrainer(policy, GrpoConfig.builder().groupSize(2).build())) {
                GrpoStepStats stats = trainer.step(List.of(new Rollout(a, new float[] {-500f, -500f}, 1),
                        new Rollout(b, new float[] {0f, 0f}, 0)));
                assertThat(stats.loss()).isFinite();
                assertThat(stats.gradientNorm()).isFinite();
                assertThat(stats.approxKl()).isFinite();
                assertThat(stats.clipFraction()).isPositive();
            }
        }
    }

    @Test
    void generationEdgeCases() {
        try (VisionLanguagePolicy policy = TinyModels.model(63)) {
            Generator generator = new Generator(policy);
            assertThat(generator.generate(List.of(), SamplingOptions.of(4, 1))).isEmpty();
            List<GenerationInput> inputs = Collections.nCopies(2,
                    new GenerationInput(TinyModels.noise(16, 8), policy.encodePrompt("q")));
            // Temperature 0 is greedy: the seed does not matter.
            List<Completion> one = generator.generate(inputs, new SamplingOptions(0, 1, 5, List.of(), 1, true));
            List<Completion> two = generator.generate(inputs, new SamplingOptions(0, 1, 5, List.of(), 2, true));
            assertThat(one.get(0).tokenIds()).containsExactly(two.get(1).tokenIds());
            // More new tokens than the context holds is clamped to the room left.
            int room = policy.config().maxTextLength() - inputs.get(0).promptTokens().length;
            List<Completion> longest = generator.generate(inputs,
                    new SamplingOptions(1, 1, 100_000, List.of(), 3, true));
            assertThat(longest.get(0).tokenIds().length).isLessThanOrEqualTo(room);
            assertThatIllegalArgumentException().isThrownBy(() -> new SamplingOptions(1, 1.5, 5, List.of(), 0, true))
                    .withMessageContaining("topP");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new SamplingOptions(1, Double.NaN, 5, List.of(), 0, true))
                    .withMessageContaining("topP");
            assertThatIllegalArgumentException().isThrownBy(() -> new SamplingOptions(1, 1, 5, List.of(""), 0, true))
                    .withMessageContaining("stopStrings");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new SamplingOptions(1, 1, 5, java.util.Arrays.asList("x", null), 0, true))
                    .withMessageContaining("stopStrings");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> generator.generate(java.util.Arrays.asList(inputs.get(0), null),
                            SamplingOptions.of(2, 0)))
                    .withMessageContaining("inputs[1]");
            assertThatIllegalArgumentException().isThrownBy(() -> policy.tokenizer().encode(null))
                    .withMessageContaining("text");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new GenerationInput(TinyModels.noise(16, 8), new int[0]))
                    .withMessageContaining("promptTokens");
        }
    }

    @Test
    void twoStoresSavingIntoOneDirectoryAtOnceClaimDistinctVersionsAndLeaveNoHalfFolder() throws Exception {
        DirectoryCheckpointStore first = new DirectoryCheckpointStore(root);
        DirectoryCheckpointStore second = new DirectoryCheckpointStore(root);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (VisionLanguagePolicy policy = TinyModels.model(64)) {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (DirectoryCheckpointStore store : List.of(first, second)) {
                futures.add(pool.submit(() -> {
                    List<Long> saved = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        saved.add(store.save(policy, null, Map.of()));
                    }
                    return saved;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> future : futures) {
                all.addAll(future.get());
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(8);
            assertThat(first.versions()).containsExactlyInAnyOrderElementsOf(all);
        }
        finally {
            pool.shutdownNow();
        }
        try (var children = Files.list(root)) {
            assertThat(children.map(p -> p.getFileName().toString())).allMatch(name -> name.matches("v\\d{8}"));
        }
        try (var loaded = first.load(first.latest().orElseThrow(), Device.cpu())) {
            assertThat(loaded.policy().config()).isEqualTo(TinyModels.config(64));
        }
    }

    @Test
    void checkpointsRefuseBadKeepsMissingVersionsAndAConfigForAnotherVocabulary() throws Exception {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(root);
        long version;
        try (VisionLanguagePolicy policy = TinyModels.model(65)) {
            version = store.save(policy, null, Map.of());
        }
        assertThatIllegalArgumentException().isThrownBy(() -> store.retainLast(0)).withMessageContaining("keep");
        assertThatIllegalArgumentException().isThrownBy(() -> store.retainLast(-2)).withMessageContaining("keep");
        assertThatThrownBy(() -> store.load(version + 1, Device.cpu())).isInstanceOf(CheckpointNotFoundException.class);
        assertThatThrownBy(() -> store.load(-1, Device.cpu())).isInstanceOf(CheckpointNotFoundException.class);
        // Truncated parameters: the checksum refuses them.
        Path params = store.directory(version).resolve("params.bin");
        byte[] bytes = Files.readAllBytes(params);
        Files.write(params, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> store.load(version, Device.cpu())).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("params.bin");
        // A manifest-consistent config for a vocabulary the tokenizer does not have.
        Files.write(params, bytes);
        Path config = store.directory(version).resolve("config.json");
        String json = Files.readString(config);
        String other = json.replaceFirst("\"vocabularySize\"\\s*:\\s*\\d+", "\"vocabularySize\":300");
        assertThat(other).isNotEqualTo(json);
        Files.writeString(config, other);
        Path manifest = store.directory(version).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(sha256(json.getBytes()),
                sha256(other.getBytes())));
        assertThatThrownBy(() -> store.load(version, Device.cpu())).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("vocabularySize");
    }

    private static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }
}
