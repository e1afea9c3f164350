package io.modomodo.trainer.run;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.modomodo.api.client.RewardClient;
import io.modomodo.api.client.RolloutClient;
import io.modomodo.api.reward.RewardWeights;
import io.modomodo.api.reward.ScoreItem;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResult;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.RolloutCompletion;
import io.modomodo.api.rollout.RolloutPrompt;
import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.api.trainer.BenchmarkScore;
import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.EvalSpec;
import io.modomodo.domains.Item;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.trainer.repository.EvaluationRepository;

/**
 * Greedy decoding of fixed items through the rollout-service, scored by the reward-service. The items are the
 * first {@code itemsPerBenchmark} of each benchmark's split in the platform's suite, whatever the job's seed, so
 * every job from one base sees the same items and the base's score is computed once and cached.
 */
final class Evaluator {

    /** Prompts per rollout request, so one evaluation never becomes one huge request. */
    static final int CHUNK = 64;

    private final RolloutClient rollout;
    private final RewardClient reward;
    private final Retrying retrying;
    private final EvaluationRepository repository;
    private final TaskSuite suite;
    private final int maxNewTokens;

    Evaluator(RolloutClient rollout, RewardClient reward, Retrying retrying, EvaluationRepository repository,
            TaskSuite suite, int maxNewTokens) {
        this.rollout = rollout;
        this.reward = reward;
        this.retrying = retrying;
        this.repository = repository;
        this.suite = suite;
        this.maxNewTokens = maxNewTokens;
    }

    /**
     * @param policy the version to evaluate
     * @param base the job's base policy when {@code policy} is its unchanged weights (step 0), else empty: only
     *     base scores are shared between jobs
     */
    Map<String, BenchmarkScore> evaluate(CreateJobRequest spec, PolicyRef policy, Optional<PolicyRef> base,
            Retrying.Waiter waiter) {
        EvalSpec eval = spec.eval();
        Split split = Split.parse(eval.split());
        Map<String, BenchmarkScore> scores = new LinkedHashMap<>();
        for (String benchmark : eval.benchmarks()) {
            String key = base.map(b -> cacheKey(b, benchmark, eval, spec.rewardWeights())).orElse(null);
            Optional<BenchmarkScore> cached = key == null ? Optional.empty() : repository.cached(key);
            if (cached.isPresent()) {
                scores.put(benchmark, cached.get());
                continue;
            }
            BenchmarkScore score = score(policy, benchmark, split, eval.itemsPerBenchmark(), spec.rewardWeights(),
                    waiter);
            if (key != null) {
                repository.cache(key, score);
            }
            scores.put(benchmark, score);
        }
        return scores;
    }

    private String cacheKey(PolicyRef base, String benchmark, EvalSpec eval, Map<String, Double> weights) {
        return String.join("|", base.name(), String.valueOf(base.version()), benchmark, eval.split(),
                String.valueOf(eval.itemsPerBenchmark()), "suite=" + suite.seed(), "maxNewTokens=" + maxNewTokens,
                "weights=" + new java.util.TreeMap<>(weights));
    }

    private BenchmarkScore score(PolicyRef policy, String benchmark, Split split, int count,
            Map<String, Double> weights, Retrying.Waiter waiter) {
        double accurate = 0;
        double rewardSum = 0;
        double formatted = 0;
        for (int from = 0; from < count; from += CHUNK) {
            List<Item> items = new ArrayList<>();
            List<RolloutPrompt> prompts = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + CHUNK); i++) {
                Item item = suite.item(benchmark, split, i);
                items.add(item);
                prompts.add(prompt(String.valueOf(i), item));
            }
            RolloutRequest request = new RolloutRequest(policy, prompts, 1,
                    new SamplingParams(0.0, 1.0, maxNewTokens, List.of("</answer>"), 0L));
            List<RolloutCompletion> completions = retrying.call("rollout-service", () -> rollout.rollout(request),
                    waiter).completions();
            List<ScoreItem> scoreItems = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                scoreItems.add(scoreItem(items.get(i).id(), items.get(i), completions.get(i).text()));
            }
            ScoreRequest scoring = new ScoreRequest("think-answer", weights(weights), scoreItems);
            for (ScoreResult result : retrying.call("reward-service", () -> reward.score(scoring), waiter).results()) {
                // The accuracy component itself: 0/1 for exact answers, the IoU for boxes, so a grounding
                // benchmark shows progress before its boxes are perfect.
                accurate += result.accuracy();
                rewardSum += result.reward();
                formatted += result.format();
            }
        }
        return new BenchmarkScore(accurate / count, rewardSum / count, formatted / count, count);
    }

    static RolloutPrompt prompt(String id, Item item) {
        return new RolloutPrompt(id, Base64.getEncoder().encodeToString(item.image().bytes()), item.instructedPrompt());
    }

    static ScoreItem scoreItem(String id, Item item, String response) {
        return new ScoreItem(id, item.verifier(), response, item.answer(), item.params().isEmpty() ? null
                : item.params());
    }

    static RewardWeights weights(Map<String, Double> weights) {
        return new RewardWeights(weights.get("format"), weights.get("accuracy"));
    }

    /** Mean accuracy over the in-domain benchmarks (the training domains) and over the OOD ones. */
    static double[] inOut(Map<String, BenchmarkScore> scores) {
        double in = 0;
        int inCount = 0;
        double out = 0;
        int outCount = 0;
        for (var e : scores.entrySet()) {
            if (TaskSuite.BENCHMARKS.contains(e.getKey())) {
                out += e.getValue().accuracy();
                outCount++;
            }
            else {
                in += e.getValue().accuracy();
                inCount++;
            }
        }
        return new double[] {inCount == 0 ? 0 : in / inCount, outCount == 0 ? 0 : out / outCount};
    }
}
