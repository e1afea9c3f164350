package io.modomodo.trainer.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.api.trainer.CheckpointSpec;
import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.DatasetSpec;
import io.modomodo.api.trainer.EvalSpec;
import io.modomodo.api.trainer.GrpoSettings;
import io.modomodo.domains.jsonl.DatasetFormatException;
import io.modomodo.domains.jsonl.JsonlReader;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.trainer.config.TrainerDefaults;
import io.modomodo.trainer.config.TrainerProperties;
import io.modomodo.trainer.repository.PolicyRepository;

/**
 * Checks a job request field by field and fills every absent field from {@link TrainerDefaults}, so the stored
 * spec says exactly what the job runs (and a resumed job runs the same thing even if the defaults changed).
 */
@Component
public class JobSpecResolver {

    static final int MAX_STEPS = 1_000_000;
    static final int MAX_PROMPTS = 1024;
    static final int MAX_GROUP = 256;
    static final int MAX_EVAL_ITEMS = 10_000;
    private static final Set<String> REWARD_COMPONENTS = Set.of("format", "accuracy");
    private static final Set<String> ROLLOUT_MODES = Set.of(CreateJobRequest.SYNC, CreateJobRequest.ONE_STEP_OFF);

    private final TrainerDefaults defaults;
    private final TrainerProperties properties;
    private final PolicyRepository policies;
    private final PolicyStoreLayout layout;
    private final Set<String> builtIn = Set.copyOf(new TaskSuite(0).domains());

    public JobSpecResolver(TrainerDefaults defaults, TrainerProperties properties, PolicyRepository policies,
            PolicyStoreLayout layout) {
        this.defaults = defaults;
        this.properties = properties;
        this.policies = policies;
        this.layout = layout;
    }

    public CreateJobRequest resolve(CreateJobRequest request) {
        if (request == null) {
            throw new InvalidRequestException("body", "a job needs a body");
        }
        PolicyRef policy = policy(request.policy());
        Map<String, DatasetSpec> datasets = datasets(request.datasets());
        Map<String, Double> mixture = mixture(request.mixture(), datasets);
        int steps = range("steps", request.steps(), defaults.steps(), 1, MAX_STEPS);
        int prompts = range("promptsPerStep", request.promptsPerStep(), defaults.promptsPerStep(), 1, MAX_PROMPTS);
        int group = range("groupSize", request.groupSize(), defaults.groupSize(), 1, MAX_GROUP);
        SamplingParams sampling = sampling(request.sampling());
        GrpoSettings grpo = grpo(request.grpo());
        long seed = request.seed() == null ? 0L : request.seed();
        // Built once here so every GrpoConfig rule (e.g. groupSize 1 needs scaleRewards none) answers now, not at step 1.
        GrpoMapping.config(grpo, group, sampling.temperature(), seed);
        Map<String, Double> rewardWeights = rewardWeights(request.rewardWeights());
        EvalSpec eval = eval(request.eval(), mixture, steps);
        CheckpointSpec checkpoint = checkpoint(request.checkpoint());
        Map<String, String> labels = labels(request.labels());
        String name = request.name() == null || request.name().isBlank() ? "grpo" : request.name().strip();
        if (name.length() > 200) {
            throw new InvalidRequestException("name", "name must be at most 200 characters");
        }
        String externalId = request.externalId();
        if (externalId != null && (externalId.isBlank() || externalId.length() > 200)) {
            throw new InvalidRequestException("externalId", "externalId must be 1-200 characters when given");
        }
        String rolloutMode = request.rolloutMode() == null ? CreateJobRequest.SYNC : request.rolloutMode();
        if (!ROLLOUT_MODES.contains(rolloutMode)) {
            throw new InvalidRequestException("rolloutMode", "rolloutMode is one of " + new java.util.TreeSet<>(
                    ROLLOUT_MODES) + ", got '" + rolloutMode + "'");
        }
        return new CreateJobRequest(name, externalId, policy, mixture, datasets, steps, prompts, group, sampling, grpo,
                rewardWeights, eval, checkpoint, seed, labels, rolloutMode);
    }

    private PolicyRef policy(PolicyRef ref) {
        if (ref == null || ref.name() == null) {
            throw new InvalidRequestException("policy.name", "policy.name is required: a base policy or job:<id>");
        }
        Path folder;
        try {
            folder = layout.folder(ref.name());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRequestException("policy.name", ex.getMessage().replaceFirst("^name: ", ""));
        }
        if (!ref.name().startsWith(PolicyStoreLayout.JOB_PREFIX)) {
            var row = policies.find(ref.name()).orElseThrow(() -> new InvalidRequestException("policy.name",
                    "no base policy '" + ref.name() + "'; create it with POST /api/v1/policies"));
            if (!"READY".equals(row.status())) {
                throw new InvalidRequestException("policy.name", "base policy '" + ref.name() + "' is "
                        + row.status() + ", not READY");
            }
        }
        List<Long> versions = Files.isDirectory(folder) ? new DirectoryCheckpointStore(folder).versions() : List.of();
        if (versions.isEmpty()) {
            throw new InvalidRequestException("policy.name", "policy '" + ref.name() + "' has no stored version");
        }
        long version = ref.version() == null ? versions.get(versions.size() - 1) : ref.version();
        if (!versions.contains(version)) {
            throw new InvalidRequestException("policy.version", "policy '" + ref.name() + "' has no version "
                    + version + "; stored: " + versions);
        }
        return new PolicyRef(ref.name(), version);
    }

    private Map<String, DatasetSpec> datasets(Map<String, DatasetSpec> datasets) {
        Map<String, DatasetSpec> out = new LinkedHashMap<>();
        if (datasets == null) {
            return out;
        }
        Path root = properties.dataRoot().toAbsolutePath().normalize();
        datasets.forEach((name, spec) -> {
            String field = "datasets." + name;
            if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new InvalidRequestException(field, "a dataset name is 1-64 characters of [A-Za-z0-9._-]");
            }
            if (builtIn.contains(name)) {
                throw new InvalidRequestException(field, "'" + name + "' is a built-in domain; name the dataset otherwise");
            }
            if (spec == null || spec.jsonl() == null || spec.jsonl().isBlank()) {
                throw new InvalidRequestException(field + ".jsonl", "jsonl (a path under the data root) is required");
            }
            Path file = resolveUnder(root, spec.jsonl(), field + ".jsonl");
            try {
                JsonlReader.read(file, JsonlReader.Options.failFast().withDomain(name));
            }
            catch (DatasetFormatException ex) {
                throw new InvalidRequestException(field + ".jsonl", "line " + ex.badLine().line() + ": "
                        + ex.badLine().reason());
            }
            catch (IOException | UncheckedIOException | IllegalArgumentException ex) {
                throw new InvalidRequestException(field + ".jsonl", "cannot read " + spec.jsonl() + ": "
                        + ex.getMessage());
            }
            out.put(name, new DatasetSpec(spec.jsonl()));
        });
        return out;
    }

    /** The file a job names, refused when it leaves the data root or does not exist. */
    static Path resolveUnder(Path root, String relative, String field) {
        Path file;
        try {
            file = root.resolve(relative).toAbsolutePath().normalize();
        }
        catch (java.nio.file.InvalidPathException ex) {
            throw new InvalidRequestException(field, "not a valid path: " + ex.getMessage());
        }
        if (!file.startsWith(root)) {
            throw new InvalidRequestException(field, "'" + relative + "' is outside the trainer's data root");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException(field, "no file '" + relative + "' under the trainer's data root");
        }
        return file;
    }

    private Map<String, Double> mixture(Map<String, Double> mixture, Map<String, DatasetSpec> datasets) {
        if (mixture == null || mixture.isEmpty()) {
            throw new InvalidRequestException("mixture", "mixture is required: domain -> weight, summing to 1");
        }
        double sum = 0;
        Map<String, Double> out = new java.util.TreeMap<>();
        for (Map.Entry<String, Double> e : mixture.entrySet()) {
            String field = "mixture." + e.getKey();
            if (!builtIn.contains(e.getKey()) && !datasets.containsKey(e.getKey())) {
                throw new InvalidRequestException(field, "unknown domain '" + e.getKey() + "': neither built-in "
                        + new java.util.TreeSet<>(builtIn) + " nor declared in datasets");
            }
            Double w = e.getValue();
            if (w == null || !Double.isFinite(w) || w < 0) {
                throw new InvalidRequestException(field, "a weight is a finite number >= 0, got " + w);
            }
            sum += w;
            out.put(e.getKey(), w);
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new InvalidRequestException("mixture", "weights must sum to 1 (within 1e-6), got " + sum);
        }
        for (String name : datasets.keySet()) {
            if (!out.containsKey(name)) {
                throw new InvalidRequestException("datasets." + name, "dataset '" + name + "' is not in the mixture");
            }
        }
        return out;
    }

    private SamplingParams sampling(SamplingParams given) {
        TrainerDefaults.Sampling d = defaults.sampling();
        SamplingParams s = given == null ? new SamplingParams(null, null, null, null, null) : given;
        double temperature = s.temperature() == null ? d.temperature() : s.temperature();
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new InvalidRequestException("sampling.temperature",
                    "GRPO samples with a temperature > 0 (greedy groups carry no signal), got " + temperature);
        }
        double topP = s.topP() == null ? d.topP() : s.topP();
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidRequestException("sampling.topP", "topP must be in (0, 1], got " + topP);
        }
        int maxNewTokens = range("sampling.maxNewTokens", s.maxNewTokens(), d.maxNewTokens(), 1, 4096);
        List<String> stop = s.stop() == null ? d.stop() : s.stop();
        for (int i = 0; i < stop.size(); i++) {
            if (stop.get(i) == null || stop.get(i).isEmpty()) {
                throw new InvalidRequestException("sampling.stop[" + i + "]", "a stop string must not be empty");
            }
        }
        if (s.seed() != null) {
            throw new InvalidRequestException("sampling.seed",
                    "a job derives each step's sampling seed from its own seed; set seed instead");
        }
        return new SamplingParams(temperature, topP, maxNewTokens, List.copyOf(stop), null);
    }

    private GrpoSettings grpo(GrpoSettings g) {
        TrainerDefaults.Grpo d = defaults.grpo();
        GrpoSettings s = g == null ? new GrpoSettings(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null) : g;
        return new GrpoSettings(or(s.scaleRewards(), d.scaleRewards()), or(s.advantageEpsilon(), d.advantageEpsilon()),
                or(s.clipRatioLow(), d.clipRatioLow()), or(s.clipRatioHigh(), d.clipRatioHigh()),
                or(s.dualClipC(), d.dualClipC()), or(s.beta(), d.beta()), or(s.lossAggregation(), d.lossAggregation()),
                or(s.lossNormLength(), d.lossNormLength()), or(s.entropyCoefficient(), d.entropyCoefficient()),
                or(s.miniBatches(), d.miniBatches()), or(s.ppoEpochs(), d.ppoEpochs()),
                or(s.learningRate(), d.learningRate()), or(s.weightDecay(), d.weightDecay()),
                or(s.warmupSteps(), d.warmupSteps()), or(s.maxGradNorm(), d.maxGradNorm()));
    }

    private Map<String, Double> rewardWeights(Map<String, Double> given) {
        Map<String, Double> out = new java.util.TreeMap<>(defaults.rewardWeights());
        if (given != null) {
            given.forEach((k, v) -> {
                if (!REWARD_COMPONENTS.contains(k)) {
                    throw new InvalidRequestException("rewardWeights." + k, "unknown reward component '" + k
                            + "'; known: " + new java.util.TreeSet<>(REWARD_COMPONENTS));
                }
                if (v == null || !Double.isFinite(v) || v < 0) {
                    throw new InvalidRequestException("rewardWeights." + k, "a weight is a finite number >= 0, got " + v);
                }
                out.put(k, v);
            });
        }
        return out;
    }

    private EvalSpec eval(EvalSpec given, Map<String, Double> mixture, int steps) {
        TrainerDefaults.Eval d = defaults.eval();
        EvalSpec e = given == null ? new EvalSpec(null, null, null, null) : given;
        int every = range("eval.every", e.every(), d.every(), 0, MAX_STEPS);
        List<String> benchmarks;
        if (e.benchmarks() == null) {
            benchmarks = new ArrayList<>();
            for (String domain : TaskSuite.TRAINING_DOMAINS) {
                if (mixture.containsKey(domain)) {
                    benchmarks.add(domain);
                }
            }
            benchmarks.addAll(TaskSuite.BENCHMARKS);
        }
        else {
            benchmarks = e.benchmarks();
            for (int i = 0; i < benchmarks.size(); i++) {
                if (!builtIn.contains(benchmarks.get(i))) {
                    throw new InvalidRequestException("eval.benchmarks[" + i + "]", "unknown benchmark '"
                            + benchmarks.get(i) + "'; known: " + new java.util.TreeSet<>(builtIn));
                }
            }
            if (Set.copyOf(benchmarks).size() != benchmarks.size()) {
                throw new InvalidRequestException("eval.benchmarks", "a benchmark is listed twice");
            }
        }
        int items = range("eval.itemsPerBenchmark", e.itemsPerBenchmark(), d.itemsPerBenchmark(), 1, MAX_EVAL_ITEMS);
        String split = e.split() == null ? d.split() : e.split();
        if (!split.equals(Split.VALIDATION.word()) && !split.equals(Split.TEST.word())) {
            throw new InvalidRequestException("eval.split", "split is validation or test, got '" + split + "'");
        }
        return new EvalSpec(every, List.copyOf(benchmarks), items, split);
    }

    private CheckpointSpec checkpoint(CheckpointSpec given) {
        CheckpointSpec c = given == null ? new CheckpointSpec(null, null) : given;
        return new CheckpointSpec(range("checkpoint.every", c.every(), defaults.checkpoint().every(), 1, MAX_STEPS),
                range("checkpoint.keep", c.keep(), defaults.checkpoint().keep(), 1, 1000));
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (labels != null) {
            labels.forEach((k, v) -> {
                if (k == null || k.isBlank() || k.contains("=") || k.length() > 100) {
                    throw new InvalidRequestException("labels." + k, "a label key is 1-100 characters without '='");
                }
                if (v == null || v.length() > 200) {
                    throw new InvalidRequestException("labels." + k, "a label value is a string of at most 200 characters");
                }
                out.put(k, v);
            });
        }
        return out;
    }

    private static int range(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new InvalidRequestException(field, field + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
