package io.modomodo.policy.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.Autograd;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.score.CompletionBatch;
import io.modomodo.policy.score.PromptCompletion;

/**
 * Supervised (cross-entropy) steps on completion tokens given the image and prompt: teaches a base
 * model the answer template before reinforcement learning (warm-start).
 */
public final class SupervisedTrainer {

    private final VisionLanguagePolicy policy;
    private final AdamW optimizer;
    private PolicyMetrics metrics = PolicyMetrics.NONE;

    /** A trainer updating the given policy in place. */
    public SupervisedTrainer(VisionLanguagePolicy policy, OptimizerConfig config) {
        this.policy = policy;
        this.optimizer = new AdamW(policy, config);
    }

    /** Records Micrometer meters (see {@link PolicyMetrics}); returns this. */
    public SupervisedTrainer optMetrics(PolicyMetrics value) {
        metrics = value == null ? PolicyMetrics.NONE : value;
        return this;
    }

    /** The optimizer (for checkpoints). */
    public AdamW optimizer() {
        return optimizer;
    }

    /**
     * One optimizer step minimising the mean negative log-likelihood of the completion tokens.
     *
     * @throws IllegalArgumentException when the batch is empty or holds no completion token
     */
    public SupervisedStats step(List<PromptCompletion> examples) {
        DjlRuntime.useConfiguredThreads();
        long start = System.nanoTime();
        CompletionBatch batch = CompletionBatch.of(examples, policy.tokenizer().padId());
        int tokens = batch.tokenCount();
        if (tokens == 0) {
            throw new IllegalArgumentException("examples hold no completion token to learn");
        }
        double rate = optimizer.nextLearningRate();
        double loss;
        try (NDManager scratch = policy.manager().newSubManager()) {
            loss = Autograd.record(collector -> {
                NDArray logProbs = batch.tokenLogProbs(policy, scratch, 1.0, false)[0];
                NDArray nll = logProbs.sum().neg().div((float) tokens);
                collector.backward(nll);
                return (double) nll.getFloat();
            });
        }
        double norm = optimizer.update();
        SupervisedStats stats = new SupervisedStats(loss, tokens, norm, rate, (System.nanoTime() - start) / 1_000_000);
        metrics.trainStep("supervised", tokens, stats.millis(), java.util.Map.of("loss", loss, "grad_norm", norm,
                "learning_rate", rate));
        return stats;
    }
}
