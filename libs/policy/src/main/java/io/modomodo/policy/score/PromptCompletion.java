package io.modomodo.policy.score;

/**
 * A prompt (image and tokens) with a completion to score or train on.
 *
 * @param image RGB image as CHW floats in [0, 1]
 * @param promptTokens prompt ids (bos first), not empty
 * @param completionTokens completion ids, possibly empty
 */
public record PromptCompletion(float[] image, int[] promptTokens, int[] completionTokens) {

    /** Checks presence; sizes are checked against the model when used. */
    public PromptCompletion {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        if (promptTokens == null || promptTokens.length == 0) {
            throw new IllegalArgumentException("promptTokens must hold at least one token (bos)");
        }
        if (completionTokens == null) {
            throw new IllegalArgumentException("completionTokens must not be null");
        }
    }
}
