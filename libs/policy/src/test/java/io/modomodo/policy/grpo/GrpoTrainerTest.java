package io.modomodo.policy.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.Device;
import io.modomodo.policy.TinyModels;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.score.Scorer;
import org.junit.jupiter.api.Test;

class GrpoTrainerTest {

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    @Test
    void aStepRaisesPositiveAdvantageTokensAndLowersNegativeOnes() {
        try (VisionLanguagePolicy policy = TinyModels.model(21)) {
            float[] image = TinyModels.noise(16, 4);
            int[] prompt = policy.encodePrompt("q");
            PromptCompletion good = new PromptCompletion(image, prompt, policy.tokenizer().encode("yes"));
            PromptCompletion bad = new PromptCompletion(image, prompt, policy.tokenizer().encode("no!"));
            Scorer scorer = new Scorer(policy);
            List<float[]> before = scorer.logProbs(List.of(good, bad), 1.0);
            GrpoConfig config = GrpoConfig.builder().groupSize(2).learningRate(1e-3).build();
            try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                assertThat(trainer.hasReference()).as("beta = 0 loads no reference").isFalse();
                GrpoStepStats stats = trainer.step(List.of(new Rollout(good, before.get(0), 1.0),
                        new Rollout(bad, before.get(1), 0.0)));
                assertThat(stats.updates()).isEqualTo(1);
                assertThat(stats.tokens()).isEqualTo(6);
                assertThat(stats.rewardMean()).isEqualTo(0.5);
                assertThat(stats.advantageMax()).isCloseTo(0.7071, org.assertj.core.data.Offset.offset(1e-3));
                assertThat(stats.approxKl()).as("first update: ratio 1").isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
                assertThat(stats.gradientNorm()).isPositive();
            }
            List<float[]> after = scorer.logProbs(List.of(good, bad), 1.0);
            assertThat(sum(after.get(0))).isGreaterThan(sum(before.get(0)));
            assertThat(sum(after.get(1))).isLessThan(sum(before.get(1)));
        }
    }

    @Test
    void severalEpochsAndMiniBatchesMakeTheClipBiteAndLoadAReferenceWhenBetaIsPositive() {
        try (VisionLanguagePolicy policy = TinyModels.model(22)) {
            float[] image = TinyModels.noise(16, 5);
            int[] prompt = policy.encodePrompt("q");
            List<Rollout> rollouts = new java.util.ArrayList<>();
            String[] answers = {"aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"};
            for (int i = 0; i < answers.length; i++) {
                rollouts.add(new Rollout(new PromptCompletion(image, prompt, policy.tokenizer().encode(answers[i])), null,
                        i % 2));
            }
            GrpoConfig config = GrpoConfig.builder().groupSize(4).learningRate(1e-2).miniBatches(2).ppoEpochs(3)
                    .beta(0.04).build();
            try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                assertThat(trainer.hasReference()).isTrue();
                GrpoStepStats stats = trainer.step(rollouts);
                assertThat(stats.updates()).isEqualTo(6);
                assertThat(stats.step()).isEqualTo(6);
                assertThat(stats.tokens()).isEqualTo(16);
                assertThat(stats.clipFraction()).as("later updates see ratios beyond the clip").isPositive();
                assertThat(stats.referenceKl()).isPositive();
                assertThat(stats.approxKl()).isNotZero();
            }
        }
    }

    @Test
    void emptyCompletionsAndOutOfVocabularyTokensAreHandled() {
        try (VisionLanguagePolicy policy = TinyModels.model(24);
                GrpoTrainer trainer = new GrpoTrainer(policy, GrpoConfig.builder().groupSize(2).build())) {
            float[] image = TinyModels.noise(16, 1);
            int[] prompt = policy.encodePrompt("q");
            GrpoStepStats stats = trainer.step(List.of(new Rollout(new PromptCompletion(image, prompt, new int[0]), null,
                    1.0), new Rollout(new PromptCompletion(image, prompt, new int[0]), null, 0.0)));
            assertThat(stats.updates()).isZero();
            assertThat(stats.tokens()).isZero();
            assertThatIllegalArgumentException().isThrownBy(() -> trainer.step(List.of(
                    new Rollout(new PromptCompletion(image, prompt, new int[] {65, 5000}), null, 1.0),
                    new Rollout(new PromptCompletion(image, prompt, new int[] {66}), null, 0.0))))
                    .withMessageContaining("outside the vocabulary");
        }
    }

    @Test
    void trainersInDifferentThreadsTakeTurnsAtTheEnginesSingleGradientCollector() throws Exception {
        try (VisionLanguagePolicy first = TinyModels.model(25); VisionLanguagePolicy second = TinyModels.model(26);
                GrpoTrainer a = new GrpoTrainer(first, GrpoConfig.builder().groupSize(2).build());
                GrpoTrainer b = new GrpoTrainer(second, GrpoConfig.builder().groupSize(2).build())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (GrpoTrainer trainer : List.of(a, b)) {
                    VisionLanguagePolicy policy = trainer == a ? first : second;
                    futures.add(pool.submit(() -> {
                        float[] image = TinyModels.noise(16, 2);
                        int[] prompt = policy.encodePrompt("q");
                        for (int i = 0; i < 20; i++) {
                            trainer.step(List.of(new Rollout(new PromptCompletion(image, prompt, new int[] {65, 66}),
                                    null, 1.0), new Rollout(new PromptCompletion(image, prompt, new int[] {67}), null,
                                    0.0)));
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> future : futures) {
                    future.get();
                }
            }
            finally {
                pool.shutdownNow();
            }
            assertThat(a.optimizer().stepCount()).isEqualTo(20);
            assertThat(b.optimizer().stepCount()).isEqualTo(20);
        }
    }

    @Test
    void rejectsBatchesThatAreNotWholeGroups() {
        try (VisionLanguagePolicy policy = TinyModels.model(23);
                GrpoTrainer trainer = new GrpoTrainer(policy, GrpoConfig.builder().groupSize(4).build())) {
            Rollout one = new Rollout(new PromptCompletion(TinyModels.noise(16, 1), policy.encodePrompt("q"),
                    new int[] {65}), null, 1.0);
            assertThatIllegalArgumentException().isThrownBy(() -> trainer.step(List.of(one, one, one)))
                    .withMessageContaining("whole groups of 4");
        }
    }

    @Test
    void copiesOfOnePolicyGivenTheSameBatchesStayBitIdentical() {
        // The default size: the products' kernels only take alignment-dependent paths on large matrices.
        ByteTokenizer tokenizer = new ByteTokenizer();
        PolicyConfig config = PolicyConfig.defaults(tokenizer.vocabularySize()).withSeed(11);
        Map<String, float[]> values;
        try (VisionLanguagePolicy seed = VisionLanguagePolicy.initialize(config, tokenizer, Device.cpu())) {
            values = seed.values();
        }
        List<VisionLanguagePolicy> copies = new ArrayList<>();
        List<GrpoTrainer> trainers = new ArrayList<>();
        ai.djl.ndarray.NDManager unrelated = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            for (int c = 0; c < 3; c++) {
                // Native allocations between the copies move where the next copy's data lands.
                unrelated.create(new float[1000 * (c + 1) + 5]);
                VisionLanguagePolicy copy = VisionLanguagePolicy.fromValues(config, tokenizer, Device.cpu(), values);
                copies.add(copy);
                trainers.add(new GrpoTrainer(copy, GrpoConfig.defaults()));
            }
            SplittableRandom random = new SplittableRandom(3);
            for (int step = 0; step < 4; step++) {
                List<PromptCompletion> samples = new ArrayList<>();
                for (int p = 0; p < 8; p++) {
                    float[] image = TinyModels.noise(64, random.nextLong());
                    int[] prompt = copies.get(0).encodePrompt("what is it " + p);
                    for (int g = 0; g < 8; g++) {
                        int[] completion = new int[24];
                        for (int t = 0; t < completion.length; t++) {
                            completion[t] = 'a' + random.nextInt(26);
                        }
                        samples.add(new PromptCompletion(image, prompt, completion));
                    }
                }
                List<float[]> old = new Scorer(copies.get(0)).logProbs(samples, 1.0);
                List<Rollout> rollouts = new ArrayList<>();
                for (int i = 0; i < samples.size(); i++) {
                    rollouts.add(new Rollout(samples.get(i), old.get(i), random.nextInt(3)));
                }
                for (GrpoTrainer trainer : trainers) {
                    trainer.step(rollouts);
                }
                Map<String, float[]> first = copies.get(0).values();
                for (VisionLanguagePolicy copy : copies.subList(1, copies.size())) {
                    Map<String, float[]> other = copy.values();
                    int update = step + 1;
                    first.forEach((name, data) -> assertThat(java.util.Arrays.equals(other.get(name), data))
                            .as("%s after update %d", name, update).isTrue());
                }
            }
        }
        finally {
            trainers.forEach(GrpoTrainer::close);
            copies.forEach(VisionLanguagePolicy::close);
            unrelated.close();
        }
    }
}
