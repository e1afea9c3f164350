package io.modomodo.policy.generate;

/**
 * One sampled completion.
 *
 * @param tokenIds generated ids, including the eos that ended it (if any)
 * @param text decoded text (without eos), cut after the stop string that ended it (if any)
 * @param logProbs per generated token, log-probability under softmax(logits / temperature) (temperature
 *     1 when greedy); top-p truncation is not reflected, so these equal the teacher-forced scores of
 *     {@link io.modomodo.policy.score.Scorer} at the same temperature, as GRPO's old policy needs
 * @param finishReason why it ended
 */
public record Completion(int[] tokenIds, String text, float[] logProbs, FinishReason finishReason) {
}
