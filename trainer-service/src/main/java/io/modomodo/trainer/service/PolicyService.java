package io.modomodo.trainer.service;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.modomodo.api.problem.ConflictException;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.trainer.CreatePolicyRequest;
import io.modomodo.api.trainer.PolicyResponse;
import io.modomodo.api.trainer.WarmStartSpec;
import io.modomodo.domains.Item;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.domains.suite.WarmStartExample;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.RgbImages;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import io.modomodo.policy.train.OptimizerConfig;
import io.modomodo.policy.train.SupervisedStats;
import io.modomodo.policy.train.SupervisedTrainer;
import io.modomodo.trainer.config.TrainerDefaults;
import io.modomodo.trainer.repository.PolicyRepository;
import io.modomodo.trainer.repository.PolicyRepository.PolicyRow;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base policies: a freshly initialised built-in vision-language policy, warm-started in the background by
 * supervised steps on the suite's warm-start set, stored as version 1 in {@code <root>/policies/<name>}.
 */
@Service
public class PolicyService {

    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

    /** A warm start that wrote no progress for this long has lost its replica. */
    private static final java.time.Duration STALE = java.time.Duration.ofMinutes(10);

    private final PolicyRepository policies;
    private final PolicyStoreLayout layout;
    private final TrainerDefaults defaults;
    private final JsonMapper json;
    private final ExecutorService warmStarts = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "warm-start");
        thread.setDaemon(true);
        return thread;
    });

    public PolicyService(PolicyRepository policies, PolicyStoreLayout layout, TrainerDefaults defaults,
            JsonMapper json) {
        this.policies = policies;
        this.layout = layout;
        this.defaults = defaults;
        this.json = json;
    }

    public PolicyResponse create(CreatePolicyRequest request) {
        if (request == null || request.name() == null) {
            throw new InvalidRequestException("name", "name is required: 1-64 characters of [A-Za-z0-9._-]");
        }
        if (!PolicyStoreLayout.isBaseName(request.name())) {
            throw new InvalidRequestException("name", "a policy name is 1-64 characters of [A-Za-z0-9._-], got '"
                    + request.name() + "'");
        }
        long seed = request.seed() == null ? 0L : request.seed();
        PolicyConfig config = config(request.config(), seed);
        WarmStartSpec warmStart = warmStart(request.warmStart());
        var folder = layout.basePolicy(request.name());
        if (Files.isDirectory(folder) && !new DirectoryCheckpointStore(folder).versions().isEmpty()) {
            throw new ConflictException("the checkpoint store already holds a policy '" + request.name() + "'");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> configMap = json.convertValue(config, Map.class);
        if (!policies.insert(request.name(), seed, configMap, warmStart, config.parameterCount())) {
            throw new ConflictException("policy '" + request.name() + "' exists already");
        }
        warmStarts.submit(() -> build(request.name(), config, warmStart, seed));
        return get(request.name());
    }

    public PolicyResponse get(String name) {
        policies.failStale(STALE);
        return response(policies.find(name).orElseThrow(() -> new NotFoundException("policy", name)));
    }

    public List<PolicyResponse> all() {
        policies.failStale(STALE);
        return policies.all().stream().map(this::response).toList();
    }

    private PolicyConfig config(Map<String, Object> overrides, long seed) {
        Map<String, Object> merged = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> base = json.convertValue(PolicyConfig.defaults(new ByteTokenizer().vocabularySize()),
                Map.class);
        merged.putAll(base);
        if (defaults.policy().config() != null) {
            merged.putAll(defaults.policy().config());
        }
        if (overrides != null) {
            for (var e : overrides.entrySet()) {
                if (!base.containsKey(e.getKey()) || e.getKey().equals("seed") || e.getKey().equals("vocabularySize")) {
                    throw new InvalidRequestException("config." + e.getKey(), "not a settable PolicyConfig field; known: "
                            + base.keySet().stream().filter(k -> !k.equals("seed") && !k.equals("vocabularySize"))
                                    .toList());
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        merged.put("seed", seed);
        try {
            return json.convertValue(merged, PolicyConfig.class);
        }
        catch (RuntimeException ex) {
            Throwable cause = ex;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() == null ? "invalid config" : cause.getMessage();
            String field = message.split(" ", 2)[0];
            throw new InvalidRequestException(base.containsKey(field) ? "config." + field : "config", message);
        }
    }

    private WarmStartSpec warmStart(WarmStartSpec given) {
        WarmStartSpec w = given == null ? new WarmStartSpec(null, null, null) : given;
        int steps = w.steps() == null ? defaults.policy().warmStartSteps() : w.steps();
        if (steps < 0 || steps > 100_000) {
            throw new InvalidRequestException("warmStart.steps", "steps must be in [0, 100000], got " + steps);
        }
        int examples = w.examples() == null ? defaults.policy().warmStartExamples() : w.examples();
        if (examples < 1 || examples > 4096) {
            throw new InvalidRequestException("warmStart.examples", "examples must be in [1, 4096], got " + examples);
        }
        List<String> domains = w.domains() == null ? TaskSuite.TRAINING_DOMAINS : w.domains();
        List<String> known = new TaskSuite(0).domains();
        if (domains.isEmpty()) {
            throw new InvalidRequestException("warmStart.domains", "name at least one domain");
        }
        for (int i = 0; i < domains.size(); i++) {
            if (!known.contains(domains.get(i))) {
                throw new InvalidRequestException("warmStart.domains[" + i + "]", "unknown domain '" + domains.get(i)
                        + "'; known: " + known);
            }
        }
        return new WarmStartSpec(steps, examples, List.copyOf(domains));
    }

    private void build(String name, PolicyConfig config, WarmStartSpec warmStart, long seed) {
        long started = System.nanoTime();
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, new ByteTokenizer())) {
            TaskSuite suite = new TaskSuite(defaults.suiteSeed());
            SupervisedTrainer trainer = new SupervisedTrainer(policy,
                    OptimizerConfig.adamW(defaults.policy().warmStartLearningRate()));
            List<Double> losses = new ArrayList<>();
            List<String> domains = warmStart.domains();
            long next = 0;
            for (int step = 0; step < warmStart.steps(); step++) {
                List<PromptCompletion> batch = new ArrayList<>();
                for (int j = 0; j < warmStart.examples(); j++, next++) {
                    String domain = domains.get((int) (next % domains.size()));
                    WarmStartExample example = suite.warmStart(domain, Split.TRAIN, next / domains.size());
                    batch.add(example(policy, example));
                }
                SupervisedStats stats = trainer.step(batch);
                losses.add(stats.loss());
                if (step % 10 == 9 || step == warmStart.steps() - 1) {
                    policies.progress(name, losses);
                }
            }
            new DirectoryCheckpointStore(layout.basePolicy(name)).save(policy, null,
                    Map.of("kind", "base", "warmStartSteps", String.valueOf(warmStart.steps())));
            policies.finish(name, "READY", null);
            log.info("Base policy {} ready after {} warm-start steps in {} s", name, warmStart.steps(),
                    (System.nanoTime() - started) / 1_000_000_000);
        }
        catch (RuntimeException | LinkageError ex) {
            log.error("Base policy {} failed", name, ex);
            policies.finish(name, "FAILED", "the warm start failed: " + ex.getMessage());
        }
    }

    /** The prompt and the target response (then eos), cut to the model's text length. */
    static PromptCompletion example(VisionLanguagePolicy policy, WarmStartExample example) {
        Item item = example.item();
        float[] image = RgbImages.decode(item.image().bytes(), policy.config().imageSize());
        int[] prompt = policy.encodePrompt(item.instructedPrompt());
        int[] target = policy.tokenizer().encode(example.target());
        int room = Math.max(0, policy.config().maxTextLength() - prompt.length);
        int[] completion = Arrays.copyOf(target, Math.min(room, target.length + 1));
        if (completion.length == target.length + 1) {
            completion[target.length] = policy.tokenizer().eosId();
        }
        return new PromptCompletion(image, prompt, completion);
    }

    private PolicyResponse response(PolicyRow row) {
        var folder = layout.basePolicy(row.name());
        List<Long> versions = Files.isDirectory(folder) ? new DirectoryCheckpointStore(folder).versions() : List.of();
        return new PolicyResponse(row.name(), row.status(), row.seed(), row.config(), row.warmStart(), versions,
                row.parameterCount(), row.warmStartLoss(), row.error(), row.createdAt(), row.updatedAt());
    }

    @PreDestroy
    void stop() {
        warmStarts.shutdownNow();
    }
}
