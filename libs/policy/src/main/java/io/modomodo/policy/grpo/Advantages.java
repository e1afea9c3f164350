package io.modomodo.policy.grpo;

/**
 * Group-relative advantages. Rewards come in consecutive groups of G completions of one prompt:
 * A_i = (R_i − mean_group) / (std + ε), where std is the unbiased standard deviation of the group
 * (GROUP) or of the whole batch (BATCH), or A_i = R_i − mean_group (NONE, Dr. GRPO). A group of one
 * has advantage 0.
 */
public final class Advantages {

    private Advantages() {
    }

    /**
     * Computes the advantages.
     *
     * @throws IllegalArgumentException when the rewards do not form whole groups or are not finite,
     *     the scale is null or ε is negative or not finite
     */
    public static float[] compute(float[] rewards, int groupSize, ScaleRewards scale, double epsilon) {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
        }
        if (rewards.length % groupSize != 0) {
            throw new IllegalArgumentException("rewards must come in whole groups of " + groupSize + ", got "
                    + rewards.length + " rewards");
        }
        if (scale == null) {
            throw new IllegalArgumentException("scaleRewards must be one of " + ScaleRewards.validNames());
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("advantageEpsilon must be a finite number >= 0, got " + epsilon);
        }
        for (int i = 0; i < rewards.length; i++) {
            if (!Float.isFinite(rewards[i])) {
                throw new IllegalArgumentException("rewards[" + i + "] is not a finite number: " + rewards[i]);
            }
        }
        float[] advantages = new float[rewards.length];
        double batchStd = scale == ScaleRewards.BATCH ? unbiasedStd(rewards, 0, rewards.length) : 1.0;
        for (int start = 0; start < rewards.length; start += groupSize) {
            if (groupSize == 1) {
                continue;
            }
            double mean = mean(rewards, start, groupSize);
            double std = switch (scale) {
                case GROUP -> unbiasedStd(rewards, start, groupSize);
                case BATCH -> batchStd;
                case NONE -> Double.NaN;
            };
            for (int i = start; i < start + groupSize; i++) {
                double centred = rewards[i] - mean;
                double denominator = std + epsilon;
                // With ε = 0 and equal rewards the quotient would be 0/0; equal rewards carry no signal, so 0.
                advantages[i] = (float) (scale == ScaleRewards.NONE ? centred
                        : denominator == 0 ? 0 : centred / denominator);
            }
        }
        return advantages;
    }

    static double mean(float[] values, int start, int count) {
        double sum = 0;
        for (int i = start; i < start + count; i++) {
            sum += values[i];
        }
        return sum / count;
    }

    /** Unbiased (n − 1) standard deviation; 0 for fewer than two values. */
    static double unbiasedStd(float[] values, int start, int count) {
        if (count < 2) {
            return 0;
        }
        double mean = mean(values, start, count);
        double squares = 0;
        for (int i = start; i < start + count; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        return Math.sqrt(squares / (count - 1));
    }
}
