package io.modomodo.policy.score;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDManager;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.runtime.NoGradient;
import io.modomodo.policy.runtime.PolicyMetrics;

/**
 * Per-token log-probabilities of given completions under a policy, by teacher forcing (one forward
 * pass per batch, no gradients). Works for any policy: the one being trained, the frozen reference,
 * or the policy that sampled (π_old).
 */
public final class Scorer {

    private final VisionLanguagePolicy policy;
    private final int batchSize;
    private PolicyMetrics metrics = PolicyMetrics.NONE;

    /**
     * @param policy the policy to score under (not owned)
     * @param batchSize most rows per forward pass, bounding memory
     */
    public Scorer(VisionLanguagePolicy policy, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.policy = policy;
        this.batchSize = batchSize;
    }

    /** A scorer with batches of 64 rows. */
    public Scorer(VisionLanguagePolicy policy) {
        this(policy, 64);
    }

    /** Records Micrometer meters (see {@link PolicyMetrics}); returns this. */
    public Scorer optMetrics(PolicyMetrics value) {
        metrics = value == null ? PolicyMetrics.NONE : value;
        return this;
    }

    /**
     * Log-probs of every completion token under softmax(logits / temperature), one array per row
     * (of that row's completion length).
     */
    public List<float[]> logProbs(List<PromptCompletion> rows, double temperature) {
        DjlRuntime.useConfiguredThreads();
        long started = System.nanoTime();
        List<float[]> out = new ArrayList<>(rows.size());
        for (int start = 0; start < rows.size(); start += batchSize) {
            CompletionBatch batch = CompletionBatch.of(rows.subList(start, Math.min(rows.size(), start + batchSize)),
                    policy.tokenizer().padId());
            NoGradient noGradient = NoGradient.enter();
            try (NDManager scratch = policy.manager().newSubManager()) {
                float[] flat = batch.tokenLogProbs(policy, scratch, temperature, false)[0].toFloatArray();
                out.addAll(batch.unpad(flat));
            }
            finally {
                noGradient.close();
            }
        }
        metrics.scoring(out.stream().mapToLong(values -> values.length).sum(), System.nanoTime() - started);
        return out;
    }
}
