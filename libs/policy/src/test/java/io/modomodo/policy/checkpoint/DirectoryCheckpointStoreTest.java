package io.modomodo.policy.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.Device;
import io.modomodo.policy.TinyModels;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.score.Scorer;
import io.modomodo.policy.train.OptimizerState;
import io.modomodo.policy.train.SupervisedTrainer;
import io.modomodo.policy.train.OptimizerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryCheckpointStoreTest {

    @TempDir
    Path root;

    private static List<PromptCompletion> batch(VisionLanguagePolicy policy) {
        return List.of(new PromptCompletion(TinyModels.noise(16, 1), policy.encodePrompt("hi"),
                policy.tokenizer().encode("<answer>42</answer>")));
    }

    @Test
    void aRoundTripGivesBitIdenticalOutputsAndOptimizerState() {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(root);
        try (VisionLanguagePolicy policy = TinyModels.model(51)) {
            SupervisedTrainer trainer = new SupervisedTrainer(policy, OptimizerConfig.adamW(1e-3));
            trainer.step(batch(policy));
            OptimizerState state = trainer.optimizer().state();
            long version = store.save(policy, state, Map.of("step", "1"));
            assertThat(version).isEqualTo(1);
            assertThat(store.versions()).containsExactly(1L);

            List<GenerationInput> inputs = List.of(new GenerationInput(TinyModels.noise(16, 2), policy.encodePrompt("x")));
            SamplingOptions options = new SamplingOptions(1.0, 1.0, 8, List.of(), 5, true);
            List<Completion> expected = new Generator(policy).generate(inputs, options);
            float[] expectedScores = new Scorer(policy).logProbs(batch(policy), 1.0).get(0);
            try (LoadedCheckpoint loaded = store.load(version, Device.cpu())) {
                assertThat(loaded.metadata()).containsEntry("step", "1");
                assertThat(loaded.policy().config()).isEqualTo(policy.config());
                assertThat(loaded.policy().tokenizer()).isEqualTo(policy.tokenizer());
                policy.values().forEach((name, values) ->
                        assertThat(loaded.policy().values().get(name)).as(name).isEqualTo(values));
                List<Completion> actual = new Generator(loaded.policy()).generate(inputs, options);
                assertThat(actual.get(0).tokenIds()).isEqualTo(expected.get(0).tokenIds());
                assertThat(actual.get(0).logProbs()).isEqualTo(expected.get(0).logProbs());
                assertThat(new Scorer(loaded.policy()).logProbs(batch(policy), 1.0).get(0)).isEqualTo(expectedScores);
                assertThat(loaded.optimizerState().step()).isEqualTo(1);
                state.firstMoments().forEach((name, m) -> {
                    assertThat(loaded.optimizerState().firstMoments().get(name)).isEqualTo(m);
                    assertThat(loaded.optimizerState().secondMoments().get(name))
                            .isEqualTo(state.secondMoments().get(name));
                });
                // A restored optimizer continues exactly where the saved one was.
                SupervisedTrainer resumed = new SupervisedTrainer(loaded.policy(), OptimizerConfig.adamW(1e-3));
                resumed.optimizer().restore(loaded.optimizerState());
                resumed.step(batch(policy));
                trainer.step(batch(policy));
                policy.values().forEach((name, values) ->
                        assertThat(loaded.policy().values().get(name)).as(name).isEqualTo(values));
            }
        }
    }

    @Test
    void refusesACorruptedCheckpointNamingTheFile() throws IOException {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(root);
        long version;
        try (VisionLanguagePolicy policy = TinyModels.model(52)) {
            version = store.save(policy, null, Map.of());
        }
        Path params = store.directory(version).resolve("params.bin");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(params, bytes);
        assertThatThrownBy(() -> store.load(version, Device.cpu()))
                .isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("params.bin")
                .hasMessageContaining("SHA-256")
                .hasMessageContaining("refusing to load");
    }

    @Test
    void refusesACheckpointWithAMissingFileOrManifest() throws IOException {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(root);
        long first;
        long second;
        try (VisionLanguagePolicy policy = TinyModels.model(53)) {
            first = store.save(policy, null, Map.of());
            second = store.save(policy, null, Map.of());
        }
        Files.delete(store.directory(first).resolve("config.json"));
        assertThatThrownBy(() -> store.load(first, Device.cpu())).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("config.json");
        Files.writeString(store.directory(second).resolve("manifest.json"), "{not json");
        assertThatThrownBy(() -> store.load(second, Device.cpu())).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("manifest.json");
        assertThatThrownBy(() -> store.load(99, Device.cpu())).isInstanceOf(CheckpointNotFoundException.class);
    }

    @Test
    void listsOnlyCompleteVersionsAndKeepsTheLastK() throws IOException {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(root);
        try (VisionLanguagePolicy policy = TinyModels.model(54)) {
            for (int i = 0; i < 4; i++) {
                store.save(policy, null, Map.of());
            }
        }
        // What a crash mid-save leaves behind: a temporary folder, never listed.
        Files.createDirectories(root.resolve(".tmp-crashed"));
        Files.writeString(root.resolve(".tmp-crashed").resolve("params.bin"), "half");
        assertThat(store.versions()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.latest()).hasValue(4);
        assertThat(store.retainLast(2)).containsExactly(1L, 2L);
        assertThat(store.versions()).containsExactly(3L, 4L);
        assertThat(Files.exists(store.directory(1))).isFalse();
        try (VisionLanguagePolicy policy = TinyModels.model(54)) {
            assertThat(store.save(policy, null, Map.of())).isEqualTo(5);
        }
    }

    @Test
    void paramsFileKeepsTheLayoutEarlierCheckpointsWereWrittenIn() throws IOException {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        values.put("token_embedding", new float[] {1.5f, -0.0f, Float.MIN_VALUE, Float.NaN});
        values.put("blöck0.x", new float[] {});
        values.put("z", new float[] {Float.MAX_VALUE, -3.25e-7f});
        // The layout as the first format wrote it, field by field: big-endian header and names,
        // little-endian length-prefixed float32 data.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0x4d444d50);
            out.writeInt(values.size());
            for (Map.Entry<String, float[]> entry : values.entrySet()) {
                out.writeUTF(entry.getKey());
                java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(4 + 4 * entry.getValue().length)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                data.putInt(entry.getValue().length);
                for (float value : entry.getValue()) {
                    data.putInt(Float.floatToRawIntBits(value));
                }
                out.write(data.array());
            }
        }
        byte[] legacy = bytes.toByteArray();

        assertThat(DirectoryCheckpointStore.encodeParameters(values)).isEqualTo(legacy);
        Map<String, float[]> decoded = DirectoryCheckpointStore.decodeParameters(legacy);
        assertThat(decoded.keySet()).containsExactlyElementsOf(values.keySet());
        values.forEach((name, data) -> {
            float[] read = decoded.get(name);
            assertThat(read).hasSameSizeAs(data);
            for (int i = 0; i < data.length; i++) {
                assertThat(Float.floatToRawIntBits(read[i])).isEqualTo(Float.floatToRawIntBits(data[i]));
            }
        });
    }

    @Test
    void refusesATruncatedParamsFileAsUnreadable() throws IOException {
        byte[] whole = DirectoryCheckpointStore.encodeParameters(Map.of("w", new float[] {1f, 2f, 3f}));
        for (int length : new int[] {3, 9, whole.length - 1}) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> DirectoryCheckpointStore.decodeParameters(cut))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aSaveWithoutFsyncLoadsTheSameWeights() {
        DirectoryCheckpointStore store = new DirectoryCheckpointStore(root).optDurable(false);
        try (VisionLanguagePolicy policy = TinyModels.model(55)) {
            long version = store.save(policy, null, Map.of("kind", "weights"));
            try (LoadedCheckpoint loaded = store.load(version, Device.cpu())) {
                Map<String, float[]> expected = policy.values();
                Map<String, float[]> actual = loaded.policy().values();
                expected.forEach((name, data) -> assertThat(actual.get(name)).isEqualTo(data));
                assertThat(loaded.metadata()).containsEntry("kind", "weights");
            }
        }
    }
}
