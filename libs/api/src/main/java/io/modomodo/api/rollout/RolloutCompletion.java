package io.modomodo.api.rollout;

/**
 * One sampled completion.
 *
 * @param promptId the prompt's id
 * @param index 0 … samplesPerPrompt − 1 within the prompt
 * @param text the decoded completion
 * @param tokenIds the sampled token ids, in order
 * @param logProbs the sampling policy's log-probability of each token (the GRPO "old" log-probs)
 * @param finishReason {@code stop}, {@code eos} or {@code length}
 */
public record RolloutCompletion(String promptId, int index, String text, int[] tokenIds, float[] logProbs,
        String finishReason) {
}
