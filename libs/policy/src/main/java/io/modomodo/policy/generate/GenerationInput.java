package io.modomodo.policy.generate;

/**
 * One prompt to complete.
 *
 * @param image RGB image as CHW floats in [0, 1] (see {@link io.modomodo.policy.model.RgbImages})
 * @param promptTokens prompt token ids, usually from
 *     {@link io.modomodo.policy.model.VisionLanguagePolicy#encodePrompt}; not empty
 */
public record GenerationInput(float[] image, int[] promptTokens) {

    /** Checks presence; sizes are checked against the model when generating. */
    public GenerationInput {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        if (promptTokens == null || promptTokens.length == 0) {
            throw new IllegalArgumentException("promptTokens must hold at least one token (bos)");
        }
    }
}
