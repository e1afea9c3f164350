package io.modomodo.policy.grpo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.Autograd;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.runtime.EngineArrays;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.score.CompletionBatch;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.score.Scorer;
import io.modomodo.policy.train.AdamW;

/**
 * Runs GRPO updates of a policy, in place. Each {@link #step} takes one rollout batch (consecutive
 * groups of {@link GrpoConfig#groupSize()} completions per prompt), computes advantages, the
 * reference log-probs (when β &gt; 0) and, if missing, the old log-probs once, then runs
 * {@link GrpoConfig#ppoEpochs()} passes of {@link GrpoConfig#miniBatches()} shuffled mini-batches,
 * one AdamW update each.
 *
 * <p>With β = 0 no reference is loaded. With β &gt; 0 the reference is a frozen copy of the policy
 * as it was when the trainer was made, unless one is given; a given reference stays the caller's.
 */
public final class GrpoTrainer implements AutoCloseable {

    private final VisionLanguagePolicy policy;
    private final VisionLanguagePolicy reference;
    private final boolean ownsReference;
    private final GrpoConfig config;
    private final AdamW optimizer;
    private PolicyMetrics metrics = PolicyMetrics.NONE;

    /** A trainer whose reference (when β &gt; 0) is a frozen copy of the policy now. */
    public GrpoTrainer(VisionLanguagePolicy policy, GrpoConfig config) {
        this(policy, config.beta() > 0 ? policy.copy() : null, true, config);
    }

    /**
     * A trainer with a given reference (not owned), required when β &gt; 0 and ignored otherwise.
     */
    public GrpoTrainer(VisionLanguagePolicy policy, VisionLanguagePolicy reference, GrpoConfig config) {
        this(policy, config.beta() > 0 ? reference : null, false, config);
        if (config.beta() > 0 && reference == null) {
            throw new IllegalArgumentException("beta > 0 needs a reference policy");
        }
    }

    private GrpoTrainer(VisionLanguagePolicy policy, VisionLanguagePolicy reference, boolean ownsReference,
            GrpoConfig config) {
        this.policy = policy;
        this.reference = reference;
        this.ownsReference = ownsReference;
        this.config = config;
        this.optimizer = new AdamW(policy, config.optimizer());
    }

    /** Records Micrometer meters (see {@link PolicyMetrics}); returns this. */
    public GrpoTrainer optMetrics(PolicyMetrics value) {
        metrics = value == null ? PolicyMetrics.NONE : value;
        return this;
    }

    /** The hyper-parameters. */
    public GrpoConfig config() {
        return config;
    }

    /** The optimizer (for checkpoints). */
    public AdamW optimizer() {
        return optimizer;
    }

    /** Whether a reference policy is loaded (only when β &gt; 0). */
    public boolean hasReference() {
        return reference != null;
    }

    /**
     * One GRPO step over a rollout batch.
     *
     * @throws IllegalArgumentException when the batch is not whole groups or miniBatches does not
     *     divide it
     */
    public GrpoStepStats step(List<Rollout> rollouts) {
        DjlRuntime.useConfiguredThreads();
        long start = System.nanoTime();
        int size = rollouts.size();
        if (size == 0 || size % config.groupSize() != 0) {
            throw new IllegalArgumentException("a GRPO batch must hold whole groups of " + config.groupSize()
                    + " completions, got " + size);
        }
        if (size % config.miniBatches() != 0) {
            // An uneven or empty mini-batch would weigh some rollouts more than others or skip a step silently.
            throw new IllegalArgumentException("miniBatches " + config.miniBatches() + " must divide the "
                    + size + " rollouts of the batch (and be at most " + size + ")");
        }
        float[] rewards = new float[size];
        List<PromptCompletion> samples = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            rewards[i] = (float) rollouts.get(i).reward();
            samples.add(rollouts.get(i).sample());
        }
        float[] advantages = Advantages.compute(rewards, config.groupSize(), config.scaleRewards(),
                config.advantageEpsilon());
        List<float[]> old = oldLogProbs(rollouts, samples);
        List<float[]> referenceLogProbs = reference == null ? null
                : new Scorer(reference).optMetrics(metrics).logProbs(samples, config.temperature());

        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(config.seed() ^ (optimizer.stepCount() * 0x9E3779B97F4A7C15L));
        Accumulator totals = new Accumulator();
        int tokens = 0;
        for (int epoch = 0; epoch < config.ppoEpochs(); epoch++) {
            if (config.miniBatches() > 1) {
                shuffle(order, random);
            }
            for (int m = 0; m < config.miniBatches(); m++) {
                int from = (int) ((long) m * size / config.miniBatches());
                int to = (int) ((long) (m + 1) * size / config.miniBatches());
                if (from == to) {
                    continue;
                }
                List<PromptCompletion> miniSamples = new ArrayList<>();
                List<float[]> miniOld = new ArrayList<>();
                List<float[]> miniReference = referenceLogProbs == null ? null : new ArrayList<>();
                float[] miniAdvantages = new float[to - from];
                for (int i = from; i < to; i++) {
                    int index = order[i];
                    miniSamples.add(samples.get(index));
                    miniOld.add(old.get(index));
                    if (miniReference != null) {
                        miniReference.add(referenceLogProbs.get(index));
                    }
                    miniAdvantages[i - from] = advantages[index];
                }
                int miniTokens = update(miniSamples, miniOld, miniReference, miniAdvantages, totals);
                if (epoch == 0) {
                    tokens += miniTokens;
                }
            }
        }
        GrpoStepStats stats = totals.stats(optimizer.stepCount(), rewards, advantages,
                optimizer.config().learningRateAt(optimizer.stepCount()), tokens, (System.nanoTime() - start) / 1_000_000);
        Map<String, Double> last = new LinkedHashMap<>();
        last.put("loss", stats.loss());
        last.put("reward_mean", stats.rewardMean());
        last.put("clip_fraction", stats.clipFraction());
        last.put("approx_kl", stats.approxKl());
        last.put("reference_kl", stats.referenceKl());
        last.put("entropy", stats.entropy());
        last.put("grad_norm", stats.gradientNorm());
        last.put("learning_rate", stats.learningRate());
        metrics.trainStep("grpo", tokens, stats.millis(), last);
        return stats;
    }

    private List<float[]> oldLogProbs(List<Rollout> rollouts, List<PromptCompletion> samples) {
        boolean missing = rollouts.stream().anyMatch(r -> r.oldLogProbs() == null);
        if (!missing) {
            return rollouts.stream().map(Rollout::oldLogProbs).toList();
        }
        return new Scorer(policy).optMetrics(metrics).logProbs(samples, config.temperature());
    }

    private int update(List<PromptCompletion> samples, List<float[]> old, List<float[]> referenceLogProbs,
            float[] advantages, Accumulator totals) {
        CompletionBatch batch = CompletionBatch.of(samples, policy.tokenizer().padId());
        if (batch.tokenCount() == 0) {
            // Nothing to learn from (every completion empty): no gradient, no update.
            return 0;
        }
        try (NDManager scratch = policy.manager().newSubManager()) {
            NDArray oldArray = batch.padded(scratch, old);
            NDArray referenceArray = referenceLogProbs == null ? null : batch.padded(scratch, referenceLogProbs);
            NDArray advantageArray = EngineArrays.owned(scratch.create(advantages, new Shape(advantages.length)));
            NDArray mask = batch.mask(scratch);
            GrpoObjective.Terms terms = Autograd.record(collector -> {
                NDArray[] outputs = batch.tokenLogProbs(policy, scratch, config.temperature(), true);
                NDArray entropy = outputs[1];
                if (config.entropyCoefficient() == 0) {
                    entropy = entropy.stopGradient();
                }
                GrpoObjective.Terms computed = GrpoObjective.loss(outputs[0], oldArray, referenceArray, advantageArray,
                        mask, entropy, config);
                collector.backward(computed.loss());
                return computed;
            });
            double norm = optimizer.update();
            totals.add(terms, norm);
        }
        return batch.tokenCount();
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** Releases the reference copy, if this trainer made it. */
    @Override
    public void close() {
        if (ownsReference && reference != null) {
            reference.close();
        }
    }

    private static final class Accumulator {
        private int updates;
        private double loss;
        private double policyLoss;
        private double clipFraction;
        private double approxKl;
        private double referenceKl;
        private boolean hasReference;
        private double entropy;
        private double gradientNorm;

        void add(GrpoObjective.Terms terms, double norm) {
            updates++;
            loss += terms.loss().getFloat();
            policyLoss += terms.policyLoss().getFloat();
            clipFraction += terms.clipFraction().getFloat();
            approxKl += terms.approxKl().getFloat();
            if (terms.referenceKl() != null) {
                hasReference = true;
                referenceKl += terms.referenceKl().getFloat();
            }
            entropy += terms.entropy().getFloat();
            gradientNorm += norm;
        }

        GrpoStepStats stats(long step, float[] rewards, float[] advantages, double rate, int tokens, long millis) {
            double[] reward = moments(rewards);
            double[] advantage = moments(advantages);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float a : advantages) {
                min = Math.min(min, a);
                max = Math.max(max, a);
            }
            double n = Math.max(1, updates);
            return new GrpoStepStats(step, loss / n, policyLoss / n, reward[0], reward[1], advantage[0], advantage[1],
                    min, max, clipFraction / n, approxKl / n, hasReference ? referenceKl / n : Double.NaN, entropy / n,
                    gradientNorm / n, rate, updates, tokens, millis);
        }

        private static double[] moments(float[] values) {
            double mean = 0;
            for (float v : values) {
                mean += v;
            }
            mean /= values.length;
            double variance = 0;
            for (float v : values) {
                variance += (v - mean) * (v - mean);
            }
            return new double[] {mean, Math.sqrt(variance / values.length)};
        }
    }
}
