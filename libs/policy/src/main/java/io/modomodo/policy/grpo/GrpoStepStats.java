package io.modomodo.policy.grpo;

/**
 * What one GRPO step (all mini-batches and epochs over one rollout batch) did. Loss, clip fraction,
 * KL and entropy are means over the mini-batch updates; the gradient norm is the mean before
 * clipping.
 *
 * @param step 1-based optimizer step count after this step
 * @param loss objective
 * @param policyLoss clipped-surrogate part
 * @param rewardMean mean reward of the batch
 * @param rewardStd population standard deviation of the batch rewards
 * @param advantageMean mean advantage
 * @param advantageStd population standard deviation of the advantages
 * @param advantageMin smallest advantage
 * @param advantageMax largest advantage
 * @param clipFraction fraction of tokens whose ratio was clipped
 * @param approxKl token mean of logp_old − logp (drift from the sampling policy)
 * @param referenceKl token mean k3 KL to the reference (NaN when no reference)
 * @param entropy token mean entropy
 * @param gradientNorm mean global gradient norm before clipping
 * @param learningRate learning rate of the last update
 * @param updates optimizer updates applied
 * @param tokens completion tokens trained on (per epoch)
 * @param millis wall time
 */
public record GrpoStepStats(long step, double loss, double policyLoss, double rewardMean, double rewardStd,
        double advantageMean, double advantageStd, double advantageMin, double advantageMax, double clipFraction,
        double approxKl, double referenceKl, double entropy, double gradientNorm, double learningRate, int updates,
        int tokens, long millis) {
}
