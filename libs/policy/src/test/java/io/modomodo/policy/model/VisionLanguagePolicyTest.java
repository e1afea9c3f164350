package io.modomodo.policy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.modomodo.policy.TinyModels;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;

class VisionLanguagePolicyTest {

    @Test
    void cachedDecodingGivesTheSameLogitsAsRecomputingThePrefix() {
        try (VisionLanguagePolicy policy = TinyModels.model(1);
                NDManager scratch = policy.manager().newSubManager()) {
            int pad = policy.tokenizer().padId();
            // Row 0 has a shorter prompt, left-padded; the continuation is the same length for both.
            int[][] prompt = {{pad, pad, 257, 65, 66}, {257, 67, 68, 69, 70}};
            int[][] continuation = {{71, 72, 73, 74, 75, 76}, {80, 81, 82, 83, 84, 85}};
            boolean[][] promptValid = {{false, false, true, true, true}, {true, true, true, true, true}};
            NDArray images = policy.images(scratch, List.of(TinyModels.noise(16, 1), TinyModels.noise(16, 2)));

            int total = prompt[0].length + continuation[0].length;
            int[][] full = new int[2][total];
            boolean[][] fullValid = new boolean[2][total];
            for (int b = 0; b < 2; b++) {
                System.arraycopy(prompt[b], 0, full[b], 0, prompt[b].length);
                System.arraycopy(continuation[b], 0, full[b], prompt[b].length, continuation[b].length);
                System.arraycopy(promptValid[b], 0, fullValid[b], 0, prompt[b].length);
                java.util.Arrays.fill(fullValid[b], prompt[b].length, total, true);
            }
            int patches = policy.config().patchCount();
            float[] uncached = policy.logits(images, full, fullValid, patches + prompt[0].length - 1,
                    continuation[0].length + 1).toFloatArray();

            int vocabulary = policy.config().vocabularySize();
            try (DecodingState state = policy.prefill(scratch, images, prompt, promptValid)) {
                for (int step = 0; step <= continuation[0].length; step++) {
                    float[] cached = state.logits().toFloatArray();
                    for (int b = 0; b < 2; b++) {
                        for (int v = 0; v < vocabulary; v++) {
                            float expected = uncached[(b * (continuation[0].length + 1) + step) * vocabulary + v];
                            assertThat(cached[b * vocabulary + v]).as("row %d step %d token %d", b, step, v)
                                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
                        }
                    }
                    if (step < continuation[0].length) {
                        state.step(new int[] {continuation[0][step], continuation[1][step]});
                    }
                }
            }
        }
    }

    @Test
    void sharedPrefixCompletionLogitsEqualAFullForwardPerRow() {
        try (VisionLanguagePolicy policy = TinyModels.model(4);
                NDManager scratch = policy.manager().newSubManager()) {
            int pad = policy.tokenizer().padId();
            // Two prefixes (the first with a shorter, left-padded prompt); three completions, right-padded.
            int[][] prompts = {{pad, 257, 65}, {257, 66, 67}};
            boolean[][] promptValid = {{false, true, true}, {true, true, true}};
            int[] prefixOfRow = {1, 0, 1};
            int[][] completions = {{70, 71, 72, 73}, {74, 75, 0, 0}, {76, 77, 78, 0}};
            boolean[][] completionValid = {{true, true, true, true}, {true, true, false, false},
                    {true, true, true, false}};
            List<float[]> images = List.of(TinyModels.noise(16, 7), TinyModels.noise(16, 8));
            float[] shared = policy.completionLogits(policy.images(scratch, images), prompts, promptValid, prefixOfRow,
                    completions, completionValid).toFloatArray();
            int vocabulary = policy.config().vocabularySize();
            for (int b = 0; b < 3; b++) {
                int prefix = prefixOfRow[b];
                int[][] row = new int[1][7];
                boolean[][] rowValid = new boolean[1][7];
                System.arraycopy(prompts[prefix], 0, row[0], 0, 3);
                System.arraycopy(completions[b], 0, row[0], 3, 4);
                System.arraycopy(promptValid[prefix], 0, rowValid[0], 0, 3);
                System.arraycopy(completionValid[b], 0, rowValid[0], 3, 4);
                float[] full = policy.logits(policy.images(scratch, List.of(images.get(prefix))), row, rowValid,
                        policy.config().patchCount() + 2, 4).toFloatArray();
                for (int k = 0; k < 4; k++) {
                    if (!completionValid[b][k]) {
                        continue;
                    }
                    for (int v = 0; v < vocabulary; v++) {
                        assertThat(shared[(b * 4 + k) * vocabulary + v]).as("row %d token %d", b, k)
                                .isCloseTo(full[k * vocabulary + v], org.assertj.core.data.Offset.offset(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void paddingDoesNotChangeWhatARowComputes() {
        try (VisionLanguagePolicy policy = TinyModels.model(2);
                NDManager scratch = policy.manager().newSubManager()) {
            int pad = policy.tokenizer().padId();
            NDArray one = policy.images(scratch, List.of(TinyModels.noise(16, 3)));
            float[] alone = policy.logits(one, new int[][] {{257, 65, 66}}, new boolean[][] {{true, true, true}},
                    policy.config().patchCount() + 2, 1).toFloatArray();
            float[] padded = policy.logits(one, new int[][] {{pad, pad, 257, 65, 66}},
                    new boolean[][] {{false, false, true, true, true}}, policy.config().patchCount() + 4, 1)
                    .toFloatArray();
            for (int v = 0; v < alone.length; v++) {
                assertThat(padded[v]).isCloseTo(alone[v], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void theImageChangesThePrediction() {
        try (VisionLanguagePolicy policy = TinyModels.model(3);
                NDManager scratch = policy.manager().newSubManager()) {
            NDArray images = policy.images(scratch, List.of(TinyModels.solid(16, 1, 0, 0), TinyModels.solid(16, 0, 0, 1)));
            float[] logits = policy.logits(images, new int[][] {{257}, {257}}, new boolean[][] {{true}, {true}},
                    policy.config().patchCount(), 1).toFloatArray();
            int vocabulary = policy.config().vocabularySize();
            double difference = 0;
            for (int v = 0; v < vocabulary; v++) {
                difference += Math.abs(logits[v] - logits[vocabulary + v]);
            }
            assertThat(difference).isGreaterThan(1e-3);
        }
    }

    @Test
    void sameSeedGivesTheSameWeightsAndCountsParameters() {
        try (VisionLanguagePolicy a = TinyModels.model(5); VisionLanguagePolicy b = TinyModels.model(5);
                VisionLanguagePolicy c = TinyModels.model(6)) {
            assertThat(a.values().get("block0.qkv_weight")).isEqualTo(b.values().get("block0.qkv_weight"));
            assertThat(a.values().get("block0.qkv_weight")).isNotEqualTo(c.values().get("block0.qkv_weight"));
            long count = a.parameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
            assertThat(count).isEqualTo(a.config().parameterCount());
        }
        assertThat(PolicyConfig.defaults(new ByteTokenizer().vocabularySize()).parameterCount())
                .isBetween(2_000_000L, 5_000_000L);
    }

    @Test
    void loadsValuesIntoAModelThatIsBeingTrained() {
        try (VisionLanguagePolicy source = TinyModels.model(8); VisionLanguagePolicy target = TinyModels.model(9)) {
            new io.modomodo.policy.train.AdamW(target, io.modomodo.policy.train.OptimizerConfig.adamW(1e-3));
            target.loadValuesFrom(source);
            source.values().forEach((name, values) -> assertThat(target.values().get(name)).as(name).isEqualTo(values));
        }
    }

    @Test
    void rejectsConfigsThatCannotBuildAModel() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PolicyConfig(264, 64, 7, 256, 4, 4, 1024, 192, 1e-5,
                0.02, 0)).withMessageContaining("patchSize must divide imageSize");
        assertThatIllegalArgumentException().isThrownBy(() -> new PolicyConfig(264, 64, 8, 250, 4, 4, 1024, 192, 1e-5,
                0.02, 0)).withMessageContaining("heads must divide width");
        assertThatIllegalArgumentException().isThrownBy(() -> new PolicyConfig(264, 64, 8, 256, 0, 4, 1024, 192, 1e-5,
                0.02, 0)).withMessageContaining("depth must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> VisionLanguagePolicy.initialize(
                PolicyConfig.defaults(300), new ByteTokenizer(), ai.djl.Device.cpu()))
                .withMessageContaining("does not match the tokenizer");
    }
}
