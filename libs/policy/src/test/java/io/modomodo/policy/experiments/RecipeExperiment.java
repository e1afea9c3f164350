package io.modomodo.policy.experiments;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import io.modomodo.domains.sampler.Batch;
import io.modomodo.domains.sampler.MixtureSampler;
import io.modomodo.domains.sampler.SamplerConfig;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.domains.suite.WarmStartExample;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.generate.Completion;
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
import io.modomodo.policy.train.OptimizerConfig;
import io.modomodo.policy.train.SupervisedStats;
import io.modomodo.policy.train.SupervisedTrainer;
import io.modomodo.rewards.GoldAnswer;
import io.modomodo.rewards.RewardScorer;
import io.modomodo.rewards.Score;
import io.modomodo.rewards.Template;
import io.modomodo.rewards.VerifierRegistry;
import io.modomodo.rewards.Weights;

/**
 * The training-recipe experiment (not a test: run it by hand, see docs/training-recipe.md): the
 * default policy, warm-started on the suite's warm-start set, evaluated greedily on validation items of
 * every benchmark, then GRPO on the uniform mixture of the training domains and evaluated again. Every
 * library call is the one the services make; rewards are the reward-service's (template think-answer,
 * weights 1/1), and "accuracy" is its accuracy component (continuous IoU for {@code ground}).
 *
 * <pre>
 * ./mvnw -q -pl libs/policy -am test-compile -DskipTests
 * ./mvnw -q -pl libs/policy exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.modomodo.policy.experiments.RecipeExperiment \
 *     -Dai.djl.pytorch.num_threads=1 -Drecipe.steps=200 -Drecipe.out=target/recipe
 * </pre>
 *
 * Settings are system properties {@code recipe.*} (see {@link Settings}); the run prints one line per
 * step and writes {@code steps.csv}, {@code evals.csv} and {@code settings.txt} into {@code recipe.out}.
 */
public final class RecipeExperiment {

    private static final VerifierRegistry VERIFIERS = VerifierRegistry.standard();

    private RecipeExperiment() {
    }

    /** Every knob of a run, from system properties {@code recipe.<name>}. */
    public record Settings(long seed, int warmSteps, int warmExamples, double warmLr, int warmWarmup, int steps,
            int prompts, int group, double lr, int warmup, double beta, double temperature, int maxNewTokens,
            int evalItems, int evalEvery, int evalMaxNewTokens, int miniBatches, int ppoEpochs, double entropy,
            double clipHigh, String out) {

        public static Settings fromProperties() {
            return new Settings(longProp("seed", 42), intProp("warmSteps", 150), intProp("warmExamples", 16),
                    doubleProp("warmLr", 1e-3), intProp("warmWarmup", 10), intProp("steps", 200),
                    intProp("prompts", 8), intProp("group", 8), doubleProp("lr", 2e-4), intProp("warmup", 10),
                    doubleProp("beta", 0.0), doubleProp("temperature", 1.0), intProp("maxNewTokens", 64),
                    intProp("evalItems", 40), intProp("evalEvery", 0), intProp("evalMaxNewTokens", 64),
                    intProp("miniBatches", 1), intProp("ppoEpochs", 1), doubleProp("entropy", 0.0),
                    doubleProp("clipHigh", 0.2), System.getProperty("recipe.out", "target/recipe"));
        }

        private static String prop(String name) {
            return System.getProperty("recipe." + name);
        }

        private static int intProp(String name, int fallback) {
            String v = prop(name);
            return v == null ? fallback : Integer.parseInt(v.trim());
        }

        private static long longProp(String name, long fallback) {
            String v = prop(name);
            return v == null ? fallback : Long.parseLong(v.trim());
        }

        private static double doubleProp(String name, double fallback) {
            String v = prop(name);
            return v == null ? fallback : Double.parseDouble(v.trim());
        }
    }

    /** Accuracy and format rate of one benchmark at one step. */
    record Evaluation(String benchmark, int items, double accuracy, double hits, double format, double length) {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty(DjlRuntime.OFFLINE_PROPERTY, System.getProperty(DjlRuntime.OFFLINE_PROPERTY, "true"));
        Settings s = Settings.fromProperties();
        Path out = Path.of(s.out());
        Files.createDirectories(out);
        Files.writeString(out.resolve("settings.txt"), s + System.lineSeparator());
        DjlRuntime.EngineInfo info = DjlRuntime.warmUp();
        System.out.printf("engine %s %s on %s; %s%n", info.engine(), info.version(), info.device(), s);

        TaskSuite suite = new TaskSuite(s.seed());
        ByteTokenizer tokenizer = new ByteTokenizer();
        PolicyConfig config = PolicyConfig.defaults(tokenizer.vocabularySize()).withSeed(s.seed());
        List<String> benchmarks = new ArrayList<>(TaskSuite.TRAINING_DOMAINS);
        benchmarks.addAll(TaskSuite.BENCHMARKS);
        String loadBase = System.getProperty("recipe.loadBase");
        LoadedCheckpoint loaded = null;
        if (loadBase != null) {
            DirectoryCheckpointStore store = new DirectoryCheckpointStore(Path.of(loadBase));
            List<Long> versions = store.versions();
            long version = Long.getLong("recipe.loadVersion", versions.get(versions.size() - 1));
            loaded = store.load(version, DjlRuntime.preferredDevice());
        }
        try (VisionLanguagePolicy policy = loaded != null ? loaded.policy() : VisionLanguagePolicy.initialize(config, tokenizer);
                PrintWriter steps = new PrintWriter(Files.newBufferedWriter(out.resolve("steps.csv")));
                PrintWriter evals = new PrintWriter(Files.newBufferedWriter(out.resolve("evals.csv")))) {
            evals.println("phase,step,benchmark,items,accuracy,hits,format,length,seconds");
            if (loaded != null) {
                System.out.println("loaded base " + loadBase + " version " + loaded.version());
            }
            if (loaded == null || Integer.getInteger("recipe.warmOffset", 0) > 0) {
                long t0 = System.nanoTime();
                warmStart(policy, suite, s, benchmarks, evals);
                System.out.printf("warm start: %d steps x %d examples in %.1f s%n", s.warmSteps(), s.warmExamples(),
                        (System.nanoTime() - t0) / 1e9);
                saveBase(policy, Integer.getInteger("recipe.warmOffset", 0) + s.warmSteps());
            }
            Map<String, Evaluation> base = evaluate(policy, suite, benchmarks, s, "grpo", 0, evals);
            steps.println("step,reward,accuracy,format,length,count,ground,attribute,spatial,arith,kl,ref_kl,"
                    + "clip,entropy,grad_norm,lr,sample_s,reward_s,update_s");
            Map<String, Evaluation> last = base;
            if (s.steps() > 0) {
                last = grpo(policy, suite, benchmarks, s, steps, evals);
            }
            report(base, last, s);
        }
    }

    // ------------------------------------------------------------------------------------------ warm start

    /** Supervised steps on the suite's warm-start set; {@code evals} is written only with {@code recipe.warmEvalEvery}. */
    public static void warmStart(VisionLanguagePolicy policy, TaskSuite suite, Settings s, List<String> benchmarks,
            PrintWriter evals) {
        int evalEvery = Integer.getInteger("recipe.warmEvalEvery", 0);
        if (s.warmSteps() == 0) {
            return;
        }
        // Example k of the run is warm-start item k / 5 of domain k % 5, the order of warmStartSet and of
        // the trainer-service; recipe.warmOffset (in steps) continues a saved base where its warm start ended.
        int offset = Integer.getInteger("recipe.warmOffset", 0);
        List<String> domains = TaskSuite.TRAINING_DOMAINS;
        OptimizerConfig optimizer = OptimizerConfig.adamW(s.warmLr()).withWarmupSteps(s.warmWarmup());
        SupervisedTrainer trainer = new SupervisedTrainer(policy, optimizer);
        int eos = policy.tokenizer().eosId();
        for (int step = 0; step < s.warmSteps(); step++) {
            List<PromptCompletion> batch = new ArrayList<>(s.warmExamples());
            for (int i = 0; i < s.warmExamples(); i++) {
                long k = (long) (offset + step) * s.warmExamples() + i;
                WarmStartExample ex = suite.warmStart(domains.get((int) (k % domains.size())), Split.TRAIN,
                        k / domains.size());
                int[] text = policy.tokenizer().encode(ex.target());
                int[] target = java.util.Arrays.copyOf(text, text.length + 1);
                target[text.length] = eos;
                batch.add(new PromptCompletion(image(policy, ex.item()), policy.encodePrompt(ex.item().instructedPrompt()),
                        target));
            }
            SupervisedStats stats = trainer.step(batch);
            if (step % 10 == 0 || step == s.warmSteps() - 1) {
                System.out.printf("warm %4d loss %.4f grad %.3f lr %.2e %d ms%n", step + 1, stats.loss(),
                        stats.gradientNorm(), stats.learningRate(), stats.millis());
            }
            if (evalEvery > 0 && (step + 1) % evalEvery == 0 && step + 1 < s.warmSteps()) {
                saveBase(policy, offset + step + 1);
                evaluate(policy, suite, benchmarks, s, "warm", offset + step + 1, evals);
            }
        }
    }

    /** Saves the warm-started policy when {@code recipe.saveBase} names a store, so GRPO runs can share it. */
    static void saveBase(VisionLanguagePolicy policy, int warmSteps) {
        String saveBase = System.getProperty("recipe.saveBase");
        if (saveBase != null) {
            long version = new DirectoryCheckpointStore(Path.of(saveBase)).save(policy, null,
                    Map.of("warmSteps", Integer.toString(warmSteps)));
            System.out.println("saved base " + saveBase + " version " + version + " after " + warmSteps + " steps");
        }
    }

    // ------------------------------------------------------------------------------------------ GRPO

    static Map<String, Evaluation> grpo(VisionLanguagePolicy policy, TaskSuite suite, List<String> benchmarks,
            Settings s, PrintWriter steps, PrintWriter evals) {
        MixtureSampler sampler = sampler(suite, s);
        GrpoConfig config = grpoConfig(s);
        Generator generator = new Generator(policy);
        Map<String, Evaluation> last = null;
        double totalSeconds = 0;
        try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
            for (int step = 1; step <= s.steps(); step++) {
                long t0 = System.nanoTime();
                Batch batch = sampler.next();
                List<GenerationInput> inputs = new ArrayList<>();
                List<Item> itemOfRow = new ArrayList<>();
                for (Item item : batch.items()) {
                    GenerationInput input = new GenerationInput(image(policy, item),
                            policy.encodePrompt(item.instructedPrompt()));
                    for (int g = 0; g < s.group(); g++) {
                        inputs.add(input);
                        itemOfRow.add(item);
                    }
                }
                List<Completion> completions = generator.generate(inputs, sampling(s, s.seed() * 1_000_003L + step));
                long t1 = System.nanoTime();
                List<Rollout> rollouts = new ArrayList<>(completions.size());
                Map<String, double[]> byDomain = new LinkedHashMap<>();
                double accuracy = 0;
                double format = 0;
                double length = 0;
                for (int i = 0; i < completions.size(); i++) {
                    Completion c = completions.get(i);
                    Item item = itemOfRow.get(i);
                    Score score = score(item, c.text());
                    accuracy += score.accuracy();
                    format += score.format();
                    length += c.tokenIds().length;
                    byDomain.computeIfAbsent(item.domain(), d -> new double[2])[0] += score.accuracy();
                    byDomain.get(item.domain())[1]++;
                    rollouts.add(new Rollout(new PromptCompletion(inputs.get(i).image(), inputs.get(i).promptTokens(),
                            c.tokenIds()), c.logProbs(), score.reward()));
                }
                long t2 = System.nanoTime();
                GrpoStepStats stats = trainer.step(rollouts);
                long t3 = System.nanoTime();
                int n = completions.size();
                double seconds = (t3 - t0) / 1e9;
                totalSeconds += seconds;
                StringBuilder domains = new StringBuilder();
                for (String d : TaskSuite.TRAINING_DOMAINS) {
                    double[] a = byDomain.get(d);
                    domains.append(',').append(a == null ? "" : fmt(a[0] / a[1]));
                }
                steps.printf(Locale.ROOT, "%d,%.4f,%.4f,%.4f,%.2f%s,%.5f,%.5f,%.4f,%.4f,%.4f,%.3e,%.3f,%.3f,%.3f%n",
                        step, stats.rewardMean(), accuracy / n, format / n, length / n, domains, stats.approxKl(),
                        Double.isNaN(stats.referenceKl()) ? 0.0 : stats.referenceKl(), stats.clipFraction(),
                        stats.entropy(), stats.gradientNorm(), stats.learningRate(), (t1 - t0) / 1e9,
                        (t2 - t1) / 1e9, (t3 - t2) / 1e9);
                steps.flush();
                System.out.printf(Locale.ROOT,
                        "step %3d reward %.3f acc %.3f fmt %.2f len %.1f [%s] refkl %.4f ent %.3f grad %.2f "
                                + "%.2f s (gen %.2f upd %.2f)%n",
                        step, stats.rewardMean(), accuracy / n, format / n, length / n, domains.substring(1),
                        Double.isNaN(stats.referenceKl()) ? 0.0 : stats.referenceKl(), stats.entropy(),
                        stats.gradientNorm(), seconds, (t1 - t0) / 1e9, (t3 - t2) / 1e9);
                if ((s.evalEvery() > 0 && step % s.evalEvery() == 0) || step == s.steps()) {
                    last = evaluate(policy, suite, benchmarks, s, "grpo", step, evals);
                }
            }
        }
        System.out.printf(Locale.ROOT, "GRPO: %d steps, %.2f s per step on average%n", s.steps(),
                totalSeconds / s.steps());
        return last;
    }

    /** The uniform mixture of the training domains, {@code prompts} items per batch. */
    public static MixtureSampler sampler(TaskSuite suite, Settings s) {
        Map<String, Dataset> data = suite.datasets(TaskSuite.TRAINING_DOMAINS, Split.TRAIN, 1_000_000);
        Map<String, Double> uniform = new LinkedHashMap<>();
        TaskSuite.TRAINING_DOMAINS.forEach(d -> uniform.put(d, 1.0 / TaskSuite.TRAINING_DOMAINS.size()));
        return new MixtureSampler(data, SamplerConfig.of(uniform, s.prompts(), s.seed()));
    }

    public static GrpoConfig grpoConfig(Settings s) {
        return GrpoConfig.builder().groupSize(s.group()).beta(s.beta()).temperature(s.temperature())
                .optimizer(OptimizerConfig.adamW(s.lr()).withWarmupSteps(s.warmup())).miniBatches(s.miniBatches())
                .ppoEpochs(s.ppoEpochs()).entropyCoefficient(s.entropy()).clipRatio(0.2, s.clipHigh())
                .seed(s.seed()).build();
    }

    /** A GRPO step's sampling: the run's temperature and length, top-p 1, stopping at {@code </answer>}. */
    public static SamplingOptions sampling(Settings s, long seed) {
        return new SamplingOptions(s.temperature(), 1.0, s.maxNewTokens(), List.of("</answer>"), seed, true);
    }

    // ------------------------------------------------------------------------------------------ evaluation

    static Map<String, Evaluation> evaluate(VisionLanguagePolicy policy, TaskSuite suite, List<String> benchmarks,
            Settings s, String phase, int step, PrintWriter evals) {
        long t0 = System.nanoTime();
        Generator generator = new Generator(policy);
        Map<String, Evaluation> result = new LinkedHashMap<>();
        for (String benchmark : benchmarks) {
            long b0 = System.nanoTime();
            List<Item> items = new ArrayList<>();
            List<GenerationInput> inputs = new ArrayList<>();
            for (int i = 0; i < s.evalItems(); i++) {
                Item item = suite.item(benchmark, Split.VALIDATION, i);
                items.add(item);
                inputs.add(new GenerationInput(image(policy, item), policy.encodePrompt(item.instructedPrompt())));
            }
            List<Completion> completions = generator.generate(inputs,
                    new SamplingOptions(0.0, 1.0, s.evalMaxNewTokens(), List.of("</answer>"), 0L, true));
            double accuracy = 0;
            double hits = 0;
            double format = 0;
            double length = 0;
            for (int i = 0; i < items.size(); i++) {
                Score score = score(items.get(i), completions.get(i).text());
                accuracy += score.accuracy();
                // For continuous-IoU grounding a "right" answer is IoU >= 0.5; elsewhere accuracy is 0/1.
                hits += score.accuracy() >= 0.5 ? 1 : 0;
                format += score.format();
                length += completions.get(i).tokenIds().length;
            }
            int n = items.size();
            Evaluation e = new Evaluation(benchmark, n, accuracy / n, hits / n, format / n, length / n);
            result.put(benchmark, e);
            evals.printf(Locale.ROOT, "%s,%d,%s,%d,%.4f,%.4f,%.4f,%.2f,%.2f%n", phase, step, benchmark, n, e.accuracy(), e.hits(),
                    e.format(), e.length(), (System.nanoTime() - b0) / 1e9);
            if (showsSamples(phase, step, s)) {
                System.out.printf("  sample %s: %s -> %s%n", benchmark, items.get(0).answer(),
                        completions.get(0).text());
            }
        }
        evals.flush();
        System.out.printf(Locale.ROOT, "eval %s %d (%.1f s, %d items each): %s | in %.3f out %.3f%n", phase, step,
                (System.nanoTime() - t0) / 1e9, s.evalItems(), summary(result), mean(result, TaskSuite.TRAINING_DOMAINS),
                mean(result, TaskSuite.BENCHMARKS));
        return result;
    }

    private static boolean showsSamples(String phase, int step, Settings s) {
        return "grpo".equals(phase) && (step == 0 || step == s.steps());
    }

    /** The reward-service's score of a response: template think-answer, weights 1/1. */
    public static Score score(Item item, String response) {
        GoldAnswer gold = VERIFIERS.find(item.verifier()).orElseThrow().prepare(item.answer(), item.params());
        return RewardScorer.score(Template.THINK_ANSWER, Weights.DEFAULT, gold, response);
    }

    public static float[] image(VisionLanguagePolicy policy, Item item) {
        return RgbImages.decode(item.image().bytes(), policy.config().imageSize());
    }

    static double mean(Map<String, Evaluation> result, List<String> names) {
        return names.stream().mapToDouble(n -> result.get(n).accuracy()).average().orElse(Double.NaN);
    }

    static String summary(Map<String, Evaluation> result) {
        StringBuilder sb = new StringBuilder();
        result.forEach((name, e) -> sb.append(name).append(' ').append(fmt(e.accuracy()))
                .append(name.contains("ground") ? "(@.5 " + fmt(e.hits()) + ")" : "").append(' '));
        return sb.toString().trim();
    }

    static void report(Map<String, Evaluation> base, Map<String, Evaluation> last, Settings s) {
        System.out.println("benchmark | items | base | final");
        for (String name : base.keySet()) {
            System.out.printf(Locale.ROOT, "%s | %d | %.3f | %.3f%n", name, base.get(name).items(),
                    base.get(name).accuracy(), last.get(name).accuracy());
        }
        System.out.printf(Locale.ROOT, "in-domain %.3f -> %.3f, OOD %.3f -> %.3f%n",
                mean(base, TaskSuite.TRAINING_DOMAINS), mean(last, TaskSuite.TRAINING_DOMAINS),
                mean(base, TaskSuite.BENCHMARKS), mean(last, TaskSuite.BENCHMARKS));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
