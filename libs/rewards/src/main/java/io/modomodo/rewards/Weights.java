package io.modomodo.rewards;

/**
 * Weights of the reward components: reward = format·{@code format} + accuracy·{@code accuracy}.
 * Both finite and non-negative.
 */
public record Weights(double format, double accuracy) {

    /** The R1-V / VLM-R1 convention: both components count 1. */
    public static final Weights DEFAULT = new Weights(1.0, 1.0);

    public Weights {
        if (!(format >= 0 && Double.isFinite(format))) {
            throw new IllegalArgumentException("format weight must be a finite number >= 0, got " + format);
        }
        if (!(accuracy >= 0 && Double.isFinite(accuracy))) {
            throw new IllegalArgumentException("accuracy weight must be a finite number >= 0, got " + accuracy);
        }
    }

    /** The largest reward these weights can give: the sum of the weights. */
    public double maxReward() {
        return format + accuracy;
    }
}
