package io.modomodo.policy;

import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.tokenizer.ByteTokenizer;

/** Small seeded models and images for fast tests. */
public final class TinyModels {

    private TinyModels() {
    }

    /** 16×16 images in 4×4 patches (16 patches), width 64, 2 blocks of 4 heads. */
    public static PolicyConfig config(long seed) {
        return new PolicyConfig(new ByteTokenizer().vocabularySize(), 16, 4, 64, 2, 4, 128, 48, 1e-5, 0.02, seed);
    }

    public static VisionLanguagePolicy model(long seed) {
        return VisionLanguagePolicy.initialize(config(seed), new ByteTokenizer(), ai.djl.Device.cpu());
    }

    /** A solid-colour CHW image. */
    public static float[] solid(int size, float r, float g, float b) {
        float[] image = new float[3 * size * size];
        java.util.Arrays.fill(image, 0, size * size, r);
        java.util.Arrays.fill(image, size * size, 2 * size * size, g);
        java.util.Arrays.fill(image, 2 * size * size, 3 * size * size, b);
        return image;
    }

    /** A seeded random CHW image. */
    public static float[] noise(int size, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] image = new float[3 * size * size];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextDouble();
        }
        return image;
    }
}
