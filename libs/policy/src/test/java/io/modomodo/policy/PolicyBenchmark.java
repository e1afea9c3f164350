package io.modomodo.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.LegacyGenerator;
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
 *     -Dexec.mainClass=io.modomodo.policy.PolicyBenchmark [-Dexec.args="generation flat grpo"]
 * </pre>
 *
 * Sections (all when no argument is given): {@code generation} — tokens/s at batch 8, 64 and 256 ×
 * 64 new tokens, new decoder against the old one ({@link LegacyGenerator}, commit deb0d82) in the same
 * run, and against the matrix-product limit (matmul GFLOP/s ÷ FLOP per token); {@code flat} — time per
 * token from 16 to 256 new tokens at batch 64 (a copy of the default config with room for 256 new
 * tokens); {@code uncached} — the cache on and off (batch 64 × 32); {@code update} — a GRPO update's
 * throughput against the matmul peak; {@code grpo} — one GRPO step of 16 prompts × 8 samples (generate
 * + reward + update) with the new and the old decoder, alternately. Medians of a few repetitions
 * ({@code -Dbench.runs=3}); {@code -Dbench.batches=8,64,256} picks the generation batch sizes.
 */
public final class PolicyBenchmark {

    private static final int PROMPT_TOKENS = 16;

    /** Generation batch sizes ({@code -Dbench.batches=8,64}), default 8, 64 and 256. */
    private static final int[] BATCHES = Arrays.stream(System.getProperty("bench.batches", "8,64,256").split(","))
            .mapToInt(Integer::parseInt).toArray();

    /** Repetitions of each generation and GRPO measurement ({@code -Dbench.runs}), default 3. */
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    /** The matmul peak per CPU-second of this process, measured at the start. */
    private static double cpuPeak;

    private PolicyBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty(DjlRuntime.OFFLINE_PROPERTY, System.getProperty(DjlRuntime.OFFLINE_PROPERTY, "true"));
        Set<String> sections = new HashSet<>(Arrays.asList(args));
        if (sections.isEmpty()) {
            sections.addAll(List.of("generation", "flat", "uncached", "update", "grpo"));
        }
        DjlRuntime.EngineInfo info = DjlRuntime.warmUp();
        System.out.printf("engine %s %s on %s, %d cores, intra-op threads property %s%n", info.engine(),
                info.version(), info.device(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "(default)"));
        System.out.println("load average at start: " + loadAverage());
        Peak measured = matmulPeak();
        double peak = measured.wall();
        cpuPeak = measured.cpu();
        System.out.printf("matmul peak (1024x1024x1024 float32, median of 7): %.1f GFLOP/s by wall clock, %.1f GFLOP "
                + "per CPU-second of this process%n", peak, cpuPeak);

        ByteTokenizer tokenizer = new ByteTokenizer();
        PolicyConfig config = PolicyConfig.defaults(tokenizer.vocabularySize());
        System.out.printf("default model: %,d parameters, %d image patches, width %d, depth %d%n",
                config.parameterCount(), config.patchCount(), config.width(), config.depth());
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, tokenizer, Device.cpu())) {
            if (sections.contains("generation")) {
                generation(policy, peak);
            }
            if (sections.contains("uncached")) {
                uncached(policy);
            }
            if (sections.contains("update")) {
                update(policy, peak);
            }
            if (sections.contains("grpo")) {
                grpoStep(policy);
            }
        }
        if (sections.contains("flat")) {
            // The default config holds 192 text tokens; 16 prompt + 256 new tokens need 272.
            PolicyConfig longer = new PolicyConfig(config.vocabularySize(), config.imageSize(), config.patchSize(),
                    config.width(), config.depth(), config.heads(), config.mlpWidth(), PROMPT_TOKENS + 256,
                    config.layerNormEpsilon(), config.initStd(), config.seed());
            try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(longer, tokenizer, Device.cpu())) {
                flat(policy, peak);
            }
        }
        Peak end = matmulPeak();
        System.out.printf("matmul peak again at the end: %.1f GFLOP/s wall, %.1f per CPU-second; load average at the "
                + "end: %s%n", end.wall(), end.cpu(), loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        }
        catch (java.io.IOException ex) {
            return "unknown";
        }
    }

    /** Process CPU seconds so far: robust to other processes taking turns on the shared cores. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** The matmul peak by wall-clock time, and by this process's CPU time. */
    private record Peak(double wall, double cpu) {
    }

    private static Peak matmulPeak() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            NDArray b = manager.randomUniform(-1, 1, new Shape(1024, 1024));
            double[] seconds = new double[7];
            double[] cpu = new double[7];
            for (int i = -2; i < seconds.length; i++) {
                long start = System.nanoTime();
                double cpuStart = cpuSeconds();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                    cpu[i] = cpuSeconds() - cpuStart;
                }
            }
            double flop = 2.0 * 1024 * 1024 * 1024;
            return new Peak(flop / median(seconds) / 1e9, flop / median(cpu) / 1e9);
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

    /**
     * Forward FLOP of one generated token: every matrix product of the blocks and the output head, plus
     * attention over {@code keys} cached positions.
     */
    static double flopPerToken(PolicyConfig c, double keys) {
        return blockFlops(c, 1, keys) + 2.0 * c.width() * c.vocabularySize();
    }

    private static long tokens(List<Completion> completions) {
        return completions.stream().mapToLong(c -> c.tokenIds().length).sum();
    }

    private static boolean sameTokens(List<Completion> a, List<Completion> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).tokenIds(), b.get(i).tokenIds())) {
                return false;
            }
        }
        return true;
    }

    /** Wall-clock and process CPU seconds of one call, and its completions. */
    private record Timed(double seconds, double cpu, List<Completion> completions) {
    }

    private static Timed time(java.util.function.Supplier<List<Completion>> call) {
        long start = System.nanoTime();
        double cpuStart = cpuSeconds();
        List<Completion> out = call.get();
        return new Timed((System.nanoTime() - start) / 1e9, cpuSeconds() - cpuStart, out);
    }

    private static void generation(VisionLanguagePolicy policy, double peak) {
        Generator generator = new Generator(policy);
        LegacyGenerator legacy = new LegacyGenerator(policy);
        PolicyConfig c = policy.config();
        int newTokens = 64;
        // No stop strings; eos may still end rows early, so tokens/s counts the tokens produced (the
        // same in both paths: same seed, same draws).
        SamplingOptions options = new SamplingOptions(1.0, 1.0, newTokens, List.of(), 42, true);
        generator.generate(prompts(policy, 8, 2), options);
        legacy.generate(prompts(policy, 8, 2), options);
        double keys = c.patchCount() + PROMPT_TOKENS + (newTokens - 1) / 2.0;
        double flop = flopPerToken(c, keys);
        double limit = peak * 1e9 / flop;
        System.out.printf("generation: %.2f MFLOP per token (matrix products %.2f + attention over %.1f positions on "
                + "average), so the matmul peak allows %,.0f tokens/s%n", flop / 1e6, flopPerToken(c, 0) / 1e6, keys,
                limit);
        for (int batch : BATCHES) {
            List<GenerationInput> inputs = prompts(policy, batch, batch);
            int runs = RUNS;
            double[] newSeconds = new double[runs];
            double[] oldSeconds = new double[runs];
            double[] newCpu = new double[runs];
            double[] oldCpu = new double[runs];
            long tokens = 0;
            boolean same = true;
            for (int i = 0; i < runs; i++) {
                Timed fresh = time(() -> generator.generate(inputs, options));
                Timed old = time(() -> legacy.generate(inputs, options));
                newSeconds[i] = fresh.seconds();
                oldSeconds[i] = old.seconds();
                newCpu[i] = fresh.cpu();
                oldCpu[i] = old.cpu();
                tokens = tokens(fresh.completions());
                same &= sameTokens(fresh.completions(), old.completions());
            }
            double[] prefill = new double[runs];
            SamplingOptions first = new SamplingOptions(1.0, 1.0, 1, List.of(), 42, true);
            for (int i = 0; i < runs; i++) {
                prefill[i] = time(() -> generator.generate(inputs, first)).seconds();
            }
            double fresh = tokens / median(newSeconds);
            double old = tokens / median(oldSeconds);
            System.out.printf("generation batch %3d x %d new tokens (%d tokens, same tokens in both paths: %s):%n"
                    + "  new %.2f s = %,.0f tokens/s = %.1f %% of the limit; old %.2f s = %,.0f tokens/s = %.1f %%; "
                    + "new/old %.2fx (medians of %d, alternating)%n"
                    + "  of which prefill + first token (maxNewTokens 1): %.3f s; decode only %,.0f tokens/s = %.1f %% "
                    + "of the limit%n", batch, newTokens, tokens, same, median(newSeconds), fresh,
                    100 * fresh / limit, median(oldSeconds), old, 100 * old / limit, fresh / old, runs,
                    median(prefill), (tokens - batch) / (median(newSeconds) - median(prefill)),
                    100 * (tokens - batch) / (median(newSeconds) - median(prefill)) / limit);
            double cpuLimit = cpuPeak * 1e9 / flop;
            System.out.printf("  by CPU time (tokens per CPU-second; limit %,.0f from the CPU-time peak): new %,.0f = %.1f %% "
                    + "of the limit, old %,.0f = %.1f %%, new/old %.2fx%n", cpuLimit, tokens / median(newCpu),
                    100 * tokens / median(newCpu) / cpuLimit, tokens / median(oldCpu),
                    100 * tokens / median(oldCpu) / cpuLimit, median(oldCpu) / median(newCpu));
        }
    }

    /** Time per token against the number of new tokens, at batch 64 ({@code -Dbench.flatBatch}). */
    private static void flat(VisionLanguagePolicy policy, double peak) {
        Generator generator = new Generator(policy);
        LegacyGenerator legacy = new LegacyGenerator(policy);
        PolicyConfig c = policy.config();
        int batch = Integer.getInteger("bench.flatBatch", 64);
        List<GenerationInput> inputs = prompts(policy, batch, 5);
        generator.generate(prompts(policy, 8, 2), SamplingOptions.of(16, 1));
        // The prefill (64 patches + 16 prompt tokens per row) is the same whatever the length; it is
        // timed apart (maxNewTokens 1) and taken out, so what remains is the cost of the decoding steps.
        SamplingOptions first = new SamplingOptions(1.0, 1.0, 1, List.of(), 42, true);
        double[] prefillSeconds = new double[RUNS];
        double[] prefillCpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            Timed prefill = time(() -> generator.generate(inputs, first));
            prefillSeconds[i] = prefill.seconds();
            prefillCpu[i] = prefill.cpu();
        }
        double prefill = median(prefillSeconds);
        double prefillCpuTime = median(prefillCpu);
        System.out.printf("time per decoding step and row at batch %d, prefill (%.3f s, %.3f CPU-s, median of %d) "
                + "taken out; a row that drew eos is still computed until the batch ends, so per row-step = "
                + "(seconds - prefill) / (batch x steps):%n", batch, prefill, prefillCpuTime, RUNS);
        for (int newTokens : new int[] {16, 32, 64, 128, 256}) {
            SamplingOptions options = new SamplingOptions(1.0, 1.0, newTokens, List.of(), 42, true);
            int runs = newTokens <= 64 ? RUNS : 1;
            double[] newSeconds = new double[runs];
            double[] newCpu = new double[runs];
            long tokens = 0;
            int steps = 0;
            for (int i = 0; i < runs; i++) {
                Timed fresh = time(() -> generator.generate(inputs, options));
                newSeconds[i] = fresh.seconds();
                newCpu[i] = fresh.cpu();
                tokens = tokens(fresh.completions());
                steps = fresh.completions().stream().mapToInt(x -> x.tokenIds().length).max().orElse(0) - 1;
            }
            Timed old = time(() -> legacy.generate(inputs, options));
            double keys = c.patchCount() + PROMPT_TOKENS + (newTokens - 1) / 2.0;
            double rowSteps = (double) batch * Math.max(1, steps);
            System.out.printf("  %3d new tokens (%5d tokens, %3d steps, %.2f MFLOP/token): new %.3f s, %.1f us per "
                    + "row-step (%.1f CPU-us); old (one run) %.3f s, %.1f us per row-step (%.1f CPU-us); old/new per "
                    + "row-step %.2fx wall, %.2fx CPU%n", newTokens, tokens, steps, flopPerToken(c, keys) / 1e6,
                    median(newSeconds), 1e6 * (median(newSeconds) - prefill) / rowSteps,
                    1e6 * (median(newCpu) - prefillCpuTime) / rowSteps, old.seconds(),
                    1e6 * (old.seconds() - prefill) / rowSteps, 1e6 * (old.cpu() - prefillCpuTime) / rowSteps,
                    (old.seconds() - prefill) / (median(newSeconds) - prefill),
                    (old.cpu() - prefillCpuTime) / (median(newCpu) - prefillCpuTime));
        }
    }

    private static void uncached(VisionLanguagePolicy policy) {
        Generator generator = new Generator(policy);
        List<GenerationInput> inputs = prompts(policy, 64, 1);
        SamplingOptions options = new SamplingOptions(1.0, 1.0, 32, List.of(), 42, true);
        generator.generate(prompts(policy, 8, 2), options);
        double[] cached = new double[3];
        long tokens = 0;
        for (int i = 0; i < cached.length; i++) {
            Timed run = time(() -> generator.generate(inputs, options));
            cached[i] = run.seconds();
            tokens = tokens(run.completions());
        }
        Timed off = time(() -> generator.generate(inputs, options.withCache(false)));
        System.out.printf("generation batch 64 x 32 new tokens, cache on : %.2f s, %.0f tokens/s (%d tokens, median of 3)%n",
                median(cached), tokens / median(cached), tokens);
        System.out.printf("generation batch 64 x 32 new tokens, cache off: %.2f s, %.0f tokens/s (%d tokens, one run)%n",
                off.seconds(), tokens(off.completions()) / off.seconds(), tokens(off.completions()));
        System.out.printf("cache speed-up: %.1fx%n", off.seconds() / median(cached));
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
    static double blockFlops(PolicyConfig c, double queries, double keys) {
        double d = c.width();
        double perPosition = 2 * d * 3 * d + 2 * d * d + 2 * 2 * d * c.mlpWidth();
        double attention = 2.0 * 2.0 * queries * keys * d;
        return c.depth() * (queries * perPosition + attention);
    }

    private static void grpoStep(VisionLanguagePolicy policy) {
        Generator generator = new Generator(policy);
        LegacyGenerator legacy = new LegacyGenerator(policy);
        GrpoConfig config = GrpoConfig.builder().groupSize(8).learningRate(1e-5).build();
        try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
            int runs = RUNS;
            double[][] total = new double[2][runs];
            double[][] generate = new double[2][runs];
            double[][] update = new double[2][runs];
            double[][] cpu = new double[2][runs];
            for (int i = -1; i < runs; i++) {
                for (int path = 0; path < 2; path++) {
                    List<GenerationInput> unique = prompts(policy, 16, 10 + i);
                    List<GenerationInput> inputs = new ArrayList<>();
                    for (GenerationInput input : unique) {
                        for (int g = 0; g < 8; g++) {
                            inputs.add(input);
                        }
                    }
                    SamplingOptions options = new SamplingOptions(1.0, 1.0, 32, List.of("</answer>"), 100 + i, true);
                    long start = System.nanoTime();
                    double cpuStart = cpuSeconds();
                    List<Completion> completions = path == 0 ? generator.generate(inputs, options)
                            : legacy.generate(inputs, options);
                    long generated = System.nanoTime();
                    GrpoStepStats stats = trainer.step(rollouts(policy, inputs, completions));
                    long end = System.nanoTime();
                    if (i >= 0) {
                        cpu[path][i] = cpuSeconds() - cpuStart;
                        total[path][i] = (end - start) / 1e9;
                        generate[path][i] = (generated - start) / 1e9;
                        update[path][i] = (end - generated) / 1e9;
                        System.out.printf("  GRPO step %d (%s decoder): %d completion tokens, loss %.4f, reward %.2f, "
                                + "%.2f s%n", i, path == 0 ? "new" : "old", stats.tokens(), stats.loss(),
                                stats.rewardMean(), total[path][i]);
                    }
                }
            }
            for (int path = 0; path < 2; path++) {
                System.out.printf("GRPO step 16 prompts x 8 samples (32 new tokens max), %s decoder: %.2f s (generate "
                        + "%.2f s, update %.2f s; median of %d)%n", path == 0 ? "new" : "old", median(total[path]),
                        median(generate[path]), median(update[path]), runs);
            }
            System.out.printf("GRPO step old/new: %.2fx (generation alone %.2fx); by process CPU time %.2f s vs %.2f s = "
                    + "%.2fx%n", median(total[1]) / median(total[0]), median(generate[1]) / median(generate[0]),
                    median(cpu[1]), median(cpu[0]), median(cpu[1]) / median(cpu[0]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
