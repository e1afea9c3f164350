package io.modomodo.policy.grpo;

import io.modomodo.policy.score.PromptCompletion;

/**
 * One sampled completion with its reward, as handed to {@link GrpoTrainer#step}.
 *
 * @param sample the prompt and completion
 * @param oldLogProbs per-token log-probs under the policy that sampled it (from
 *     {@link io.modomodo.policy.generate.Completion#logProbs()}), or null to have the trainer
 *     recompute them with the current policy before updating
 * @param reward scalar reward
 */
public record Rollout(PromptCompletion sample, float[] oldLogProbs, double reward) {

    /** Checks consistency. */
    public Rollout {
        if (sample == null) {
            throw new IllegalArgumentException("sample must not be null");
        }
        if (oldLogProbs != null && oldLogProbs.length != sample.completionTokens().length) {
            throw new IllegalArgumentException("oldLogProbs must have one value per completion token ("
                    + sample.completionTokens().length + "), got " + oldLogProbs.length);
        }
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be a finite number, got " + reward);
        }
    }
}
