package io.modomodo.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.GrpoStepStats;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.score.Scorer;
import io.modomodo.policy.tokenizer.ByteTokenizer;

/**
 * Throughput of the policy engine with the default model (not a test: run it by hand).
 *
 * <pre>
 * ./mvnw -q -pl libs/policy test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.modomodo.policy.PolicyBenchmark
 * </pre>
 *
 * Measures: the machine's float32 matrix-multiply peak through the same engine; generation tokens/s
 * with and without the key/value cache (batch 64, 32 new tokens); update tokens/s and achieved
 * GFLOP/s of a GRPO update against that peak; the time of one GRPO step of 16 prompts × 8 samples
 * (generate + reward + update). Medians of a few repetitions.
 */
public final class PolicyBenchmark {

    private static final int PROMPT_TOKENS = 16;

    private PolicyBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty(DjlRuntime.OFFLINE_PROPERTY, System.getProperty(DjlRuntime.OFFLINE_PROPERTY, "true"));
        DjlRuntime.EngineInfo info = DjlRuntime.warmUp();
        System.out.printf("engine %s %s on %s, %d cores%n", info.engine(), info.version(), info.device(),
                Runtime.getRuntime().availableProcessors());
        double peak = matmulPeak();
        System.out.printf("matmul peak (1024x1024x1024 float32, median of 7): %.1f GFLOP/s%n", peak);

        ByteTokenizer tokenizer = new ByteTokenizer();
        PolicyConfig config = PolicyConfig.defaults(tokenizer.vocabularySize());
        System.out.printf("default model: %,d parameters, %d image patches, width %d, depth %d%n",
                config.parameterCount(), config.patchCount(), config.width(), config.depth());
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, tokenizer, Device.cpu())) {
            generation(policy);
            update(policy, peak);
            grpoStep(policy);
        }
    }

    private static double matmulPeak() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray b = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            double[] seconds = new double[7];
            for (int i = -2; i < seconds.length; i++) {
                long start = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            return 2.0 * 1024 * 1024 * 1024 / median(seconds) / 1e9;
        }
    }

    private static List<GenerationInput> prompts(VisionLanguagePolicy policy, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = policy.config().imageSize();
        List<GenerationInput> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] image = new float[3 * size * size];
            for (int p = 0; p < image.length; p++) {
                image[p] = (float) random.nextDouble();
            }
            int[] prompt = new int[PROMPT_TOKENS];
            prompt[0] = policy.tokenizer().bosId();
            for (int t = 1; t < PROMPT_TOKENS; t++) {
                prompt[t] = 'a' + random.nextInt(26);
            }
            inputs.add(new GenerationInput(image, prompt));
        }
        return inputs;
    }

    private static void generation(VisionLanguagePolicy policy) {
        Generator generator = new Generator(policy);
        List<GenerationInput> inputs = prompts(policy, 64, 1);
        // No stop strings; eos may still end rows early, so both variants count the tokens they produced
        // (the same tokens, as the same seed draws the same completions).
        SamplingOptions options = new SamplingOptions(1.0, 1.0, 32, List.of(), 42, true);
        generator.generate(prompts(policy, 8, 2), options);
        double[] cached = new double[3];
        long tokens = 0;
        for (int i = 0; i < cached.length; i++) {
            long start = System.nanoTime();
            List<Completion> out = generator.generate(inputs, options);
            cached[i] = (System.nanoTime() - start) / 1e9;
            tokens = out.stream().mapToLong(c -> c.tokenIds().length).sum();
        }
        long start = System.nanoTime();
        List<Completion> uncachedOut = generator.generate(inputs, options.withCache(false));
        double uncached = (System.nanoTime() - start) / 1e9;
        long uncachedTokens = uncachedOut.stream().mapToLong(c -> c.tokenIds().length).sum();
        System.out.printf("generation batch 64 x 32 new tokens, cache on : %.2f s, %.0f tokens/s (%d tokens, median of 3)%n",
                median(cached), tokens / median(cached), tokens);
        System.out.printf("generation batch 64 x 32 new tokens, cache off: %.2f s, %.0f tokens/s (%d tokens, one run)%n",
                uncached, uncachedTokens / uncached, uncachedTokens);
        System.out.printf("cache speed-up: %.1fx%n", uncached / median(cached));
    }

    private static List<Rollout> rollouts(VisionLanguagePolicy policy, List<GenerationInput> inputs,
            List<Completion> completions) {
        List<Rollout> rollouts = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            // A stand-in verifiable reward: whether the completion holds an even number of vowels.
            long vowels = c.text().chars().filter(ch -> "aeiou".indexOf(ch) >= 0).count();
            rollouts.add(new Rollout(new PromptCompletion(inputs.get(i).image(), inputs.get(i).promptTokens(),
                    c.tokenIds()), c.logProbs(), vowels % 2 == 0 ? 1.0 : 0.0));
        }
        return rollouts;
    }

    private static void update(VisionLanguagePolicy policy, double peak) {
        // A GRPO batch: 16 prompts x 8 completions of 32 tokens, so the work per update is known exactly.
        List<GenerationInput> unique = prompts(policy, 16, 3);
        SplittableRandom random = new SplittableRandom(4);
        List<PromptCompletion> samples = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            int[] completion = new int[32];
            for (int t = 0; t < completion.length; t++) {
                completion[t] = 'a' + random.nextInt(26);
            }
            GenerationInput input = unique.get(i / 8);
            samples.add(new PromptCompletion(input.image(), input.promptTokens(), completion));
        }
        List<float[]> old = new Scorer(policy).logProbs(samples, 1.0);
        List<Rollout> rollouts = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            rollouts.add(new Rollout(samples.get(i), old.get(i), random.nextInt(2)));
        }
        GrpoConfig config = GrpoConfig.builder().groupSize(8).learningRate(1e-5).build();
        try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
            trainer.step(rollouts);
            double[] seconds = new double[3];
            for (int i = 0; i < seconds.length; i++) {
                GrpoStepStats stats = trainer.step(rollouts);
                seconds[i] = stats.millis() / 1e3;
            }
            PolicyConfig c = policy.config();
            int prefix = c.patchCount() + PROMPT_TOKENS;
            double forward = 16 * blockFlops(c, prefix, prefix) + 128 * blockFlops(c, 31, prefix + 31)
                    + 16 * c.patchCount() * 2.0 * c.width() * 3 * c.patchSize() * c.patchSize()
                    + 128 * 32 * 2.0 * c.width() * c.vocabularySize();
            // Backward costs about twice the forward.
            double flops = 3 * forward;
            double time = median(seconds);
            long positions = 16L * prefix + 128L * 32;
            System.out.printf("GRPO update, 16 prompts x 8 completions x 32 tokens (%d prefix + 128 x 32 completion "
                    + "positions; forward + backward + AdamW): %.2f s, %.0f positions/s, %.0f completion "
                    + "tokens/s, %.1f GFLOP/s = %.0f%% of the matmul peak (median of 3)%n", 16L * prefix, time,
                    positions / time, 128 * 32 / time, flops / time / 1e9, 100 * flops / time / 1e9 / peak);
            System.out.printf("  (without prefix sharing the same batch would be 128 x %d = %d positions)%n",
                    prefix + 32, 128L * (prefix + 32));
        }
    }

    /** Forward FLOPs of the transformer blocks for {@code queries} positions attending to {@code keys} keys. */
    static double blockFlops(PolicyConfig c, long queries, long keys) {
        double d = c.width();
        double perPosition = 2 * d * 3 * d + 2 * d * d + 2 * 2 * d * c.mlpWidth();
        double attention = 2.0 * 2.0 * queries * keys * d;
        return c.depth() * (queries * perPosition + attention);
    }

    private static void grpoStep(VisionLanguagePolicy policy) {
        Generator generator = new Generator(policy);
        GrpoConfig config = GrpoConfig.builder().groupSize(8).learningRate(1e-5).build();
        try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
            double[] total = new double[3];
            double[] generate = new double[3];
            double[] update = new double[3];
            for (int i = -1; i < total.length; i++) {
                List<GenerationInput> unique = prompts(policy, 16, 10 + i);
                List<GenerationInput> inputs = new ArrayList<>();
                for (GenerationInput input : unique) {
                    for (int g = 0; g < 8; g++) {
                        inputs.add(input);
                    }
                }
                long start = System.nanoTime();
                List<Completion> completions = generator.generate(inputs,
                        new SamplingOptions(1.0, 1.0, 32, List.of("</answer>"), 100 + i, true));
                long generated = System.nanoTime();
                GrpoStepStats stats = trainer.step(rollouts(policy, inputs, completions));
                long end = System.nanoTime();
                if (i >= 0) {
                    total[i] = (end - start) / 1e9;
                    generate[i] = (generated - start) / 1e9;
                    update[i] = (end - generated) / 1e9;
                    System.out.printf("  GRPO step %d: %d completion tokens, loss %.4f, reward %.2f%n", i,
                            stats.tokens(), stats.loss(), stats.rewardMean());
                }
            }
            System.out.printf("GRPO step 16 prompts x 8 samples (32 new tokens max): %.2f s (generate %.2f s, "
                    + "update %.2f s; median of 3)%n", median(total), median(generate), median(update));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
