package io.modomodo.policy.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Shape of a {@link VisionLanguagePolicy}. Saved as JSON in every checkpoint, so a checkpoint
 * rebuilds its model without outside knowledge.
 *
 * @param vocabularySize token ids are in [0, vocabularySize); must match the tokenizer
 * @param imageSize side of the square RGB input image, in pixels (default 64)
 * @param patchSize side of one image patch; the patch embedding is a convolution with this kernel and
 *     stride (default 8, giving 64 patches)
 * @param width model width d
 * @param depth number of transformer blocks
 * @param heads attention heads; must divide the width
 * @param mlpWidth hidden width of each block's feed-forward layer
 * @param maxTextLength most prompt + completion tokens one sequence may hold (learned positions)
 * @param layerNormEpsilon epsilon of every layer norm
 * @param initStd standard deviation of the normal initialisation of weight matrices
 * @param seed seed of the initialisation, so that the same config gives the same initial weights
 */
public record PolicyConfig(int vocabularySize, int imageSize, int patchSize, int width, int depth, int heads,
        int mlpWidth, int maxTextLength, double layerNormEpsilon, double initStd, long seed) {

    /** Validates every field; messages name the field. */
    public PolicyConfig {
        positive("vocabularySize", vocabularySize);
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("width", width);
        positive("depth", depth);
        positive("heads", heads);
        positive("mlpWidth", mlpWidth);
        positive("maxTextLength", maxTextLength);
        if (imageSize % patchSize != 0) {
            throw new IllegalArgumentException("patchSize must divide imageSize, got imageSize=" + imageSize
                    + " and patchSize=" + patchSize);
        }
        if (width % heads != 0) {
            throw new IllegalArgumentException("heads must divide width, got width=" + width + " and heads=" + heads);
        }
        if (!(layerNormEpsilon > 0) || !Double.isFinite(layerNormEpsilon)) {
            throw new IllegalArgumentException("layerNormEpsilon must be a positive number, got " + layerNormEpsilon);
        }
        if (!(initStd > 0) || !Double.isFinite(initStd)) {
            throw new IllegalArgumentException("initStd must be a positive number, got " + initStd);
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /**
     * The default model: 64×64 images in 8×8 patches, width 256, 4 blocks of 4 heads, feed-forward
     * 1024, 192 text positions; about 3.3 M parameters with a 264-token byte vocabulary.
     */
    public static PolicyConfig defaults(int vocabularySize) {
        return new PolicyConfig(vocabularySize, 64, 8, 256, 4, 4, 1024, 192, 1e-5, 0.02, 0L);
    }

    /** A copy with another seed. */
    public PolicyConfig withSeed(long newSeed) {
        return new PolicyConfig(vocabularySize, imageSize, patchSize, width, depth, heads, mlpWidth, maxTextLength,
                layerNormEpsilon, initStd, newSeed);
    }

    /** Number of image patches, which precede the text in every sequence. */
    @JsonIgnore
    public int patchCount() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** Width of one attention head. */
    @JsonIgnore
    public int headWidth() {
        return width / heads;
    }

    /** Number of learned positions: image patches then text. */
    @JsonIgnore
    public int positionCount() {
        return patchCount() + maxTextLength;
    }

    /** Number of trainable scalars of the model this config describes. */
    @JsonIgnore
    public long parameterCount() {
        long d = width;
        long perBlock = 2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (mlpWidth * d + mlpWidth)
                + (d * mlpWidth + d);
        return (long) vocabularySize * d + d * 3L * patchSize * patchSize + d + (long) positionCount() * d
                + depth * perBlock + 2 * d;
    }
}
