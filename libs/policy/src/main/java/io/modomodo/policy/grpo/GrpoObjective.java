package io.modomodo.policy.grpo;

import ai.djl.ndarray.NDArray;

/**
 * The GRPO loss over one mini-batch of per-token arrays [B, L] (zero under padding):
 *
 * <pre>
 *   r_t      = exp(clamp(logp − logp_old, −20, 20))
 *   pg_t     = max(−A·r_t, −A·clip(r_t, 1 − ε_low, 1 + ε_high))
 *   pg_t     = min(pg_t, −c·A)                          where A &lt; 0, when dual clip c &gt; 0
 *   kl_t     = clamp(e^(ref − logp) − (ref − logp) − 1, −10, 10)   (k3, ref − logp clamped to ±20)
 *   loss_t   = pg_t + β·kl_t − entropyCoefficient·H_t
 * </pre>
 *
 * then aggregated by {@link LossAggregation}. The statistics (clip fraction, approximate KL to the
 * old policy, KL to the reference, entropy) are token means over the mask, as verl reports them.
 */
public final class GrpoObjective {

    private GrpoObjective() {
    }

    /**
     * Computes the loss (differentiable when inside a gradient collector) and its statistics.
     *
     * @param logProbs current policy log-probs [B, L]
     * @param oldLogProbs sampling-policy log-probs [B, L]
     * @param referenceLogProbs reference log-probs [B, L], or null when β = 0
     * @param advantages per sequence [B]
     * @param mask 1 on real tokens, 0 on padding [B, L]
     * @param entropy per-token entropy [B, L], or null when neither bonus nor statistics need it
     */
    public static Terms loss(NDArray logProbs, NDArray oldLogProbs, NDArray referenceLogProbs, NDArray advantages,
            NDArray mask, NDArray entropy, GrpoConfig config) {
        long batch = logProbs.getShape().get(0);
        long length = logProbs.getShape().get(1);
        if (config.beta() > 0 && referenceLogProbs == null) {
            throw new IllegalArgumentException("beta > 0 needs reference log-probs");
        }
        NDArray a = advantages.reshape(batch, 1);
        NDArray logRatio = logProbs.sub(oldLogProbs).clip(-GrpoConfig.LOG_RATIO_CLAMP, GrpoConfig.LOG_RATIO_CLAMP);
        NDArray ratio = logRatio.exp();
        NDArray unclipped = a.neg().mul(ratio);
        NDArray clipped = a.neg().mul(ratio.clip(1 - config.clipRatioLow(), 1 + config.clipRatioHigh()));
        NDArray policyLoss = unclipped.maximum(clipped);
        NDArray clippedFlag = clipped.gt(unclipped).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        if (config.dualClipC() > 0) {
            NDArray bound = a.neg().mul(config.dualClipC());
            NDArray negative = a.lt(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            NDArray dual = policyLoss.minimum(bound);
            policyLoss = dual.mul(negative).add(policyLoss.mul(negative.neg().add(1)));
        }
        NDArray perToken = policyLoss;
        NDArray kl = null;
        if (referenceLogProbs != null) {
            NDArray difference = referenceLogProbs.sub(logProbs).clip(-GrpoConfig.LOG_RATIO_CLAMP,
                    GrpoConfig.LOG_RATIO_CLAMP);
            kl = difference.exp().sub(difference).sub(1).clip(-GrpoConfig.KL_CLAMP, GrpoConfig.KL_CLAMP);
            if (config.beta() > 0) {
                perToken = perToken.add(kl.mul(config.beta()));
            }
        }
        if (entropy != null && config.entropyCoefficient() != 0) {
            perToken = perToken.sub(entropy.mul(config.entropyCoefficient()));
        }
        NDArray total = aggregate(perToken, mask, config.lossAggregation(),
                config.lossNormLength() > 0 ? config.lossNormLength() : length);
        NDArray tokens = mask.sum().maximum(1f);
        return new Terms(total,
                maskedMean(policyLoss, mask, tokens),
                maskedMean(clippedFlag, mask, tokens),
                maskedMean(oldLogProbs.sub(logProbs), mask, tokens),
                kl == null ? null : maskedMean(kl, mask, tokens),
                entropy == null ? null : maskedMean(entropy, mask, tokens));
    }

    /** Aggregates per-token values [B, L] under the mask. */
    public static NDArray aggregate(NDArray perToken, NDArray mask, LossAggregation mode, long normLength) {
        NDArray masked = perToken.mul(mask);
        long batch = perToken.getShape().get(0);
        return switch (mode) {
            case TOKEN_MEAN -> masked.sum().div(mask.sum().maximum(1f));
            case SEQ_MEAN_TOKEN_MEAN -> masked.sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f)).sum()
                    .div((float) batch);
            case SEQ_MEAN_TOKEN_SUM_NORM -> masked.sum().div((float) batch * normLength);
        };
    }

    private static NDArray maskedMean(NDArray values, NDArray mask, NDArray tokens) {
        return values.mul(mask).sum().div(tokens);
    }

    /**
     * The loss and its statistics, all scalars.
     *
     * @param loss the aggregated objective to minimise
     * @param policyLoss token mean of the clipped surrogate
     * @param clipFraction fraction of tokens where the clip was active
     * @param approxKl token mean of logp_old − logp
     * @param referenceKl token mean of the k3 KL to the reference, or null
     * @param entropy token mean entropy, or null
     */
    public record Terms(NDArray loss, NDArray policyLoss, NDArray clipFraction, NDArray approxKl, NDArray referenceKl,
            NDArray entropy) {
    }
}
