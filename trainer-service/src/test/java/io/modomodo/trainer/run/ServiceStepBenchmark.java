package io.modomodo.trainer.run;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import ai.djl.Device;
import io.modomodo.api.client.RewardClient;
import io.modomodo.api.client.RolloutClient;
import io.modomodo.api.client.ServiceClients;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResult;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.RolloutCompletion;
import io.modomodo.api.rollout.RolloutPrompt;
import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.domains.Item;
import io.modomodo.domains.sampler.MixtureSampler;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.experiments.RecipeExperiment;
import io.modomodo.policy.experiments.RecipeExperiment.Settings;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.Generator;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import io.modomodo.rewards.Score;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.ServiceProcess;

/**
 * One GRPO step in process against the same step through the rollout- and reward-service over HTTP, in one run,
 * rounds alternating (docs/benchmarks.md, "A GRPO step through the services vs in process"). Not a test: a main.
 *
 * <p>Path (a) samples with the library's {@link Generator} in this JVM, scores with the reward library exactly as the
 * reward-service does ({@link RecipeExperiment#score}) and updates with {@link GrpoTrainer}. Path (b) is
 * {@link JobRunner}'s step: the rollout-service samples from the version this JVM published to the shared store, the
 * reward-service scores, this JVM updates and publishes the new weights, which the rollout-service loads at the next
 * step. Each path trains its own copy of one warm-started policy with the same seeds and one PyTorch thread
 * everywhere, so both do the same work: the run checks that they sample the same tokens and end with the same weights.
 *
 * <p>Settings: the recipe experiment's {@code recipe.*} properties (here 50 warm-start steps and 48 new tokens unless
 * given), {@code bench.rounds}, {@code bench.steps} (per path and round), {@code bench.warmupSteps},
 * {@code bench.store} (parent of the store folder), {@code bench.base} (a store folder whose latest version
 * is the base, instead of a warm start: the folder {@code policies/bench-base} of an earlier run's store),
 * {@code bench.tiny} (a tiny policy, for the smoke test), and
 * {@code reward.jar} / {@code rollout.jar}.
 */
public final class ServiceStepBenchmark {

    /** The production image's JVM options (Dockerfile) but for the heap, which the container sizes. */
    private static final List<String> SERVICE_JVM = List.of("-Xmx1g");

    private ServiceStepBenchmark() {
    }

    /** What one step cost, in seconds, by phase; {@code tokens} hashes the sampled token ids. */
    record StepTimes(double sample, double reward, double update, double publish, double length, int tokens,
            int rewards, int logProbs) {
        double total() {
            return sample + reward + update + publish;
        }
    }

    /** One way to run a step, training its own copy of the base policy. */
    abstract static class StepPath {
        final String name;
        final Settings s;
        final VisionLanguagePolicy policy;
        final GrpoTrainer trainer;
        final MixtureSampler sampler;

        StepPath(String name, Settings s, VisionLanguagePolicy policy, GrpoTrainer trainer, MixtureSampler sampler) {
            this.name = name;
            this.s = s;
            this.policy = policy;
            this.trainer = trainer;
            this.sampler = sampler;
        }

        abstract StepTimes step(int step);

        String weightsDigest() {
            return WeightsDigest.of(policy);
        }
    }

    /** The medians of each path, and whether both did the same work. */
    record Result(double inProcessStepsPerSecond, double serviceStepsPerSecond, boolean sameTokens,
            boolean sameWeights) {
        double ratio() {
            return serviceStepsPerSecond / inProcessStepsPerSecond;
        }
    }

    public static void main(String[] args) throws Exception {
        run();
    }

    static Result run() throws Exception {
        System.setProperty(DjlRuntime.OFFLINE_PROPERTY, System.getProperty(DjlRuntime.OFFLINE_PROPERTY, "true"));
        System.getProperties().putIfAbsent("recipe.warmSteps", "50");
        System.getProperties().putIfAbsent("recipe.maxNewTokens", "48");
        Settings s = Settings.fromProperties();
        int rounds = Integer.getInteger("bench.rounds", 5);
        int steps = Integer.getInteger("bench.steps", 5);
        int warmup = Integer.getInteger("bench.warmupSteps", 2);
        boolean tiny = Boolean.getBoolean("bench.tiny");
        Path parent = Files.createDirectories(Path.of(System.getProperty("bench.store", "target/step-bench")));
        PolicyStoreLayout layout = new PolicyStoreLayout(Files.createTempDirectory(parent, "store-").toAbsolutePath());
        System.out.printf("engine %s; %s; rounds %d x %d steps per path after %d warm-up steps; threads %s%n",
                DjlRuntime.warmUp(), s, rounds, steps, warmup, System.getProperty("ai.djl.pytorch.num_threads"));

        try (Services services = Services.start(layout)) {
            Device device = DjlRuntime.preferredDevice();
            String given = System.getProperty("bench.base");
            DirectoryCheckpointStore base = new DirectoryCheckpointStore(given != null ? Path.of(given)
                    : layout.basePolicy("bench-base"));
            if (given == null) {
                warmStartedBase(s, tiny, base);
            }
            long version = base.latest().orElseThrow();
            System.out.println("base policy: " + base.directory(version));
            services.awaitReady();
            try (LoadedCheckpoint a = base.load(version, device); LoadedCheckpoint b = base.load(version, device);
                    GrpoTrainer trainerA = new GrpoTrainer(a.policy(), RecipeExperiment.grpoConfig(s));
                    GrpoTrainer trainerB = new GrpoTrainer(b.policy(), RecipeExperiment.grpoConfig(s))) {
                TaskSuite suite = new TaskSuite(s.seed());
                StepPath inProcess = new InProcess(s, a.policy(), trainerA, RecipeExperiment.sampler(suite, s));
                StepPath service = new ThroughServices(s, b.policy(), trainerB, RecipeExperiment.sampler(suite, s),
                        layout, services);
                return measure(inProcess, service, services, rounds, steps, warmup);
            }
        }
    }

    private static void warmStartedBase(Settings s, boolean tiny, DirectoryCheckpointStore base) {
        ByteTokenizer tokenizer = new ByteTokenizer();
        // Tiny: the trainer ITs' policy (32x32 images, width 32, one block), for a smoke run.
        PolicyConfig config = tiny ? new PolicyConfig(tokenizer.vocabularySize(), 32, 8, 32, 1, 2, 64, 192, 1e-5,
                0.02, s.seed()) : PolicyConfig.defaults(tokenizer.vocabularySize()).withSeed(s.seed());
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, tokenizer)) {
            long t0 = System.nanoTime();
            RecipeExperiment.warmStart(policy, new TaskSuite(s.seed()), s, List.of(),
                    new PrintWriter(Writer.nullWriter()));
            System.out.printf("warm start: %d steps x %d examples, %,d parameters, %.1f s%n", s.warmSteps(),
                    s.warmExamples(), config.parameterCount(), (System.nanoTime() - t0) / 1e9);
            base.save(policy, null, Map.of("kind", "base"));
        }
    }

    private static Result measure(StepPath inProcess, StepPath service, Services services, int rounds, int steps,
            int warmup) {
        Map<Integer, StepTimes> stepsA = new HashMap<>();
        Divergence divergence = new Divergence();
        int stepA = 0;
        int stepB = 0;
        for (int w = 0; w < warmup; w++) {
            stepsA.put(++stepA, inProcess.step(stepA));
            divergence.compare(++stepB, stepsA.get(stepB), service.step(stepB));
        }
        List<Double> rateA = new ArrayList<>();
        List<Double> rateB = new ArrayList<>();
        List<StepTimes> timesA = new ArrayList<>();
        List<StepTimes> timesB = new ArrayList<>();
        List<double[]> serverB = new ArrayList<>();
        List<double[]> cpuA = new ArrayList<>();
        List<double[]> cpuB = new ArrayList<>();
        System.out.println("round | path | steps/s | s/step | sample | reward | update | publish | mean length | "
                + "CPU-s/step trainer + rollout + reward | load avg");
        for (int r = 0; r < rounds; r++) {
            // The order alternates too, so that neither path always runs right after the other.
            for (int k = 0; k < 2; k++) {
                boolean a = (r + k) % 2 == 0;
                StepPath path = a ? inProcess : service;
                double[] cpu0 = services.cpuSeconds();
                double[] server0 = services.serverSeconds();
                long t0 = System.nanoTime();
                List<StepTimes> round = new ArrayList<>();
                for (int i = 0; i < steps; i++) {
                    if (a) {
                        StepTimes t = path.step(++stepA);
                        stepsA.put(stepA, t);
                        round.add(t);
                    }
                    else {
                        StepTimes t = path.step(++stepB);
                        divergence.compare(stepB, stepsA.get(stepB), t);
                        round.add(t);
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[] cpu = perStep(minus(services.cpuSeconds(), cpu0), steps);
                (a ? rateA : rateB).add(steps / seconds);
                (a ? timesA : timesB).addAll(round);
                (a ? cpuA : cpuB).add(cpu);
                if (!a) {
                    serverB.add(perStep(minus(services.serverSeconds(), server0), steps));
                }
                StepTimes m = mean(round);
                System.out.printf(Locale.ROOT, "%d | %s | %.3f | %.2f | %.2f | %.3f | %.2f | %.3f | %.1f | "
                        + "%.2f + %.2f + %.2f | %.2f%n", r + 1, path.name, steps / seconds, seconds / steps,
                        m.sample(), m.reward(), m.update(), m.publish(), m.length(), cpu[0], cpu[1], cpu[2],
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
        boolean sameWeights = stepA == stepB && inProcess.weightsDigest().equals(service.weightsDigest());
        Result result = new Result(median(rateA), median(rateB), divergence.firstStep == 0, sameWeights);
        if (divergence.firstStep > 0) {
            System.out.println("the paths first differed at step " + divergence.firstStep + ": " + divergence.what);
        }
        StepTimes a = mean(timesA);
        StepTimes b = mean(timesB);
        double[] server = meanOf(serverB);
        System.out.printf(Locale.ROOT, "%nmedian steps/s: in process %.3f, through the services %.3f, ratio b/a %.3f "
                + "(per round: %s)%n", result.inProcessStepsPerSecond(), result.serviceStepsPerSecond(),
                result.ratio(), ratios(rateA, rateB));
        System.out.printf(Locale.ROOT, "mean seconds per step (a / b): sample %.3f / %.3f, reward %.4f / %.4f, "
                + "update %.3f / %.3f, publish - / %.4f, total %.3f / %.3f%n", a.sample(), b.sample(), a.reward(),
                b.reward(), a.update(), b.update(), b.publish(), a.total(), b.total());
        System.out.printf(Locale.ROOT, "(b) inside the services per step: rollout request %.3f s, of which checkpoint "
                + "load %.3f s and generation %.3f s; reward batch %.4f s%n", server[0], server[1], server[2],
                server[3]);
        System.out.printf(Locale.ROOT, "CPU-s per step, trainer + rollout + reward (median of rounds): a %s, b %s%n",
                cpuSummary(cpuA), cpuSummary(cpuB));
        System.out.println("same tokens in both paths: " + result.sameTokens() + "; same weights at the end: "
                + result.sameWeights());
        return result;
    }

    /** Path (a): the recipe experiment's library calls in this JVM. */
    private static final class InProcess extends StepPath {
        private final Generator generator;

        InProcess(Settings s, VisionLanguagePolicy policy, GrpoTrainer trainer, MixtureSampler sampler) {
            super("a in process", s, policy, trainer, sampler);
            this.generator = new Generator(policy);
        }

        @Override
        StepTimes step(int step) {
            long t0 = System.nanoTime();
            List<Item> items = sampler.next().items();
            List<GenerationInput> inputs = new ArrayList<>();
            for (Item item : items) {
                // The prompt text the rollout-service encodes: JobRunner sends item.instructedPrompt() too.
                GenerationInput input = new GenerationInput(RecipeExperiment.image(policy, item),
                        policy.encodePrompt(item.instructedPrompt()));
                for (int g = 0; g < s.group(); g++) {
                    inputs.add(input);
                }
            }
            List<Completion> completions = generator.generate(inputs,
                    RecipeExperiment.sampling(s, JobRunner.stepSeed(s.seed(), step)));
            long t1 = System.nanoTime();
            List<Rollout> rollouts = new ArrayList<>(completions.size());
            for (int i = 0; i < completions.size(); i++) {
                Completion c = completions.get(i);
                Score score = RecipeExperiment.score(items.get(i / s.group()), c.text());
                rollouts.add(new Rollout(new PromptCompletion(inputs.get(i).image(), inputs.get(i).promptTokens(),
                        c.tokenIds()), c.logProbs(), score.reward()));
            }
            long t2 = System.nanoTime();
            trainer.step(rollouts);
            long t3 = System.nanoTime();
            return new StepTimes(sec(t1 - t0), sec(t2 - t1), sec(t3 - t2), 0,
                    completions.stream().mapToInt(c -> c.tokenIds().length).average().orElse(0),
                    tokens(completions.stream().map(Completion::tokenIds).toList()),
                    rewards(rollouts.stream().mapToDouble(Rollout::reward).toArray()),
                    logProbs(completions.stream().map(Completion::logProbs).toList()));
        }
    }

    /** Path (b): {@link JobRunner}'s step, against the services. */
    private static final class ThroughServices extends StepPath {
        private final Services services;
        private final DirectoryCheckpointStore published;
        private final String jobPolicy;
        private PolicyRef current;

        ThroughServices(Settings s, VisionLanguagePolicy policy, GrpoTrainer trainer, MixtureSampler sampler,
                PolicyStoreLayout layout, Services services) {
            super("b services", s, policy, trainer, sampler);
            this.services = services;
            UUID job = UUID.randomUUID();
            this.published = JobRunner.publishedWeights(layout, job);
            this.jobPolicy = PolicyStoreLayout.jobPolicyName(job);
            this.current = publish(0);
        }

        @Override
        StepTimes step(int step) {
            long t0 = System.nanoTime();
            List<Item> items = sampler.next().items();
            List<RolloutPrompt> prompts = JobRunner.prompts(items);
            RolloutRequest request = JobRunner.rolloutRequest(current, prompts, s.group(), new SamplingParams(
                    s.temperature(), 1.0, s.maxNewTokens(), List.of("</answer>"), null),
                    JobRunner.stepSeed(s.seed(), step));
            List<RolloutCompletion> completions = JobRunner.ordered(services.rollout.rollout(request), items.size(),
                    s.group());
            long t1 = System.nanoTime();
            ScoreRequest scoring = JobRunner.scoreRequest(items, completions, Map.of("format", 1.0, "accuracy", 1.0));
            List<ScoreResult> results = services.reward.score(scoring).results();
            long t2 = System.nanoTime();
            List<Rollout> rollouts = JobRunner.rollouts(policy, items, prompts, completions, results);
            trainer.step(rollouts);
            long t3 = System.nanoTime();
            current = publish(step);
            long t4 = System.nanoTime();
            return new StepTimes(sec(t1 - t0), sec(t2 - t1), sec(t3 - t2), sec(t4 - t3),
                    completions.stream().mapToInt(c -> c.tokenIds().length).average().orElse(0),
                    tokens(completions.stream().map(RolloutCompletion::tokenIds).toList()),
                    rewards(rollouts.stream().mapToDouble(Rollout::reward).toArray()),
                    logProbs(completions.stream().map(RolloutCompletion::logProbs).toList()));
        }

        /** As {@code JobRunner.publish}: a weights-only version, the last three kept. */
        private PolicyRef publish(int step) {
            long version = published.save(policy, null, Map.of("kind", "weights", "step", String.valueOf(step)));
            published.retainLast(3);
            return new PolicyRef(jobPolicy, version);
        }
    }

    /** The rollout- and reward-service jars as child processes over one store, and their clients. */
    private static final class Services implements AutoCloseable {
        final ServiceProcess rolloutProcess;
        final ServiceProcess rewardProcess;
        final int rolloutPort;
        final int rewardPort;
        final RolloutClient rollout;
        final RewardClient reward;

        private Services(ServiceProcess rolloutProcess, int rolloutPort, ServiceProcess rewardProcess,
                int rewardPort) {
            this.rolloutProcess = rolloutProcess;
            this.rolloutPort = rolloutPort;
            this.rewardProcess = rewardProcess;
            this.rewardPort = rewardPort;
            this.rollout = ServiceClients.create(RolloutClient.class, client("http://localhost:" + rolloutPort));
            this.reward = ServiceClients.create(RewardClient.class, client("http://localhost:" + rewardPort));
        }

        static Services start(PolicyStoreLayout layout) {
            int rewardPort = ServiceProcess.freePort();
            ServiceProcess reward = ServiceProcess.start("reward-service", Path.of(System.getProperty("reward.jar",
                    "../reward-service/target/reward-service-0.1.0-SNAPSHOT.jar")), SERVICE_JVM,
                    List.of("--server.port=" + rewardPort));
            int rolloutPort = ServiceProcess.freePort();
            ServiceProcess rollout = ServiceProcess.start("rollout-service", Path.of(System.getProperty("rollout.jar",
                    "../rollout-service/target/rollout-service-0.1.0-SNAPSHOT.jar")), SERVICE_JVM,
                    List.of("--server.port=" + rolloutPort, "--modomodo.rollout.checkpoint-dir=" + layout.root(),
                            "--modomodo.engine.threads=1", "--modomodo.engine.interop-threads=1"));
            return new Services(rollout, rolloutPort, reward, rewardPort);
        }

        void awaitReady() {
            rewardProcess.awaitReady("http://localhost:" + rewardPort + "/actuator/health/readiness",
                    Duration.ofMinutes(5));
            rolloutProcess.awaitReady("http://localhost:" + rolloutPort + "/actuator/health/readiness",
                    Duration.ofMinutes(5));
        }

        /** As the trainer-service's clients (TrainerConfiguration): the JDK's HTTP client. */
        private static RestClient client(String baseUrl) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
            factory.setReadTimeout(Duration.ofMinutes(10));
            return RestClient.builder().baseUrl(baseUrl).requestFactory(factory).build();
        }

        /** CPU seconds so far of this JVM, the rollout-service and the reward-service. */
        double[] cpuSeconds() {
            return new double[] {cpu(ProcessHandle.current()), cpu(rolloutProcess.process().toHandle()),
                    cpu(rewardProcess.process().toHandle())};
        }

        private static double cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        }

        /** Totals so far inside the services: rollout requests, checkpoint loads, generation, reward batches. */
        double[] serverSeconds() {
            Http rolloutHttp = new Http(rolloutPort);
            Http rewardHttp = new Http(rewardPort);
            return new double[] {totalTime(rolloutHttp, "modomodo.rollout.seconds"),
                    totalTime(rolloutHttp, "modomodo.policy.checkpoint?tag=operation:load"),
                    totalTime(rolloutHttp, "modomodo.policy.generation"),
                    totalTime(rewardHttp, "modomodo.rewards.batch")};
        }

        private static double totalTime(Http http, String metric) {
            var response = http.get("/actuator/metrics/" + metric);
            if (response.statusCode() == 404) {
                return 0; // not recorded yet
            }
            for (var m : Http.JSON.readTree(response.body()).path("measurements")) {
                if (m.path("statistic").asString().equals("TOTAL_TIME")) {
                    return m.path("value").asDouble();
                }
            }
            return 0;
        }

        @Override
        public void close() {
            rolloutProcess.close();
            rewardProcess.close();
        }
    }

    /** The first step at which the two paths sampled, scored or read log-probs differently. */
    private static final class Divergence {
        int firstStep;
        String what;

        void compare(int step, StepTimes a, StepTimes b) {
            if (firstStep > 0 || a == null) {
                return;
            }
            List<String> differ = new ArrayList<>();
            if (a.tokens() != b.tokens()) {
                differ.add("tokens");
            }
            if (a.logProbs() != b.logProbs()) {
                differ.add("log-probs");
            }
            if (a.rewards() != b.rewards()) {
                differ.add("rewards");
            }
            if (!differ.isEmpty()) {
                firstStep = step;
                what = String.join(", ", differ);
            }
        }
    }

    private static int rewards(double[] rewards) {
        return Arrays.hashCode(rewards);
    }

    private static int logProbs(List<float[]> rows) {
        int hash = 1;
        for (float[] row : rows) {
            hash = 31 * hash + Arrays.hashCode(row);
        }
        return hash;
    }

    private static int tokens(List<int[]> ids) {
        int hash = 1;
        for (int[] row : ids) {
            hash = 31 * hash + Arrays.hashCode(row);
        }
        return hash;
    }

    private static StepTimes mean(List<StepTimes> times) {
        int n = times.size();
        return new StepTimes(times.stream().mapToDouble(StepTimes::sample).sum() / n,
                times.stream().mapToDouble(StepTimes::reward).sum() / n,
                times.stream().mapToDouble(StepTimes::update).sum() / n,
                times.stream().mapToDouble(StepTimes::publish).sum() / n,
                times.stream().mapToDouble(StepTimes::length).sum() / n, 0, 0, 0);
    }

    private static double[] minus(double[] after, double[] before) {
        double[] d = new double[after.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = after[i] - before[i];
        }
        return d;
    }

    private static double[] perStep(double[] totals, int steps) {
        return Arrays.stream(totals).map(t -> t / steps).toArray();
    }

    private static double[] meanOf(List<double[]> rows) {
        double[] m = new double[rows.get(0).length];
        for (double[] row : rows) {
            for (int i = 0; i < m.length; i++) {
                m[i] += row[i] / rows.size();
            }
        }
        return m;
    }

    private static String cpuSummary(List<double[]> rounds) {
        double[] m = new double[3];
        for (int i = 0; i < 3; i++) {
            int column = i;
            m[i] = median(rounds.stream().map(r -> r[column]).toList());
        }
        return String.format(Locale.ROOT, "%.2f + %.2f + %.2f = %.2f", m[0], m[1], m[2], m[0] + m[1] + m[2]);
    }

    private static String ratios(List<Double> a, List<Double> b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", b.get(i) / a.get(i)));
        }
        return sb.toString();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
