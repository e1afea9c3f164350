package io.modomodo.policy.grpo;

import io.modomodo.policy.train.OptimizerConfig;

/**
 * GRPO hyper-parameters, validated on construction. Defaults (see {@link #defaults()}) follow verl
 * and TRL; the choices that differ between systems are named below.
 *
 * @param groupSize completions per prompt, G (8)
 * @param scaleRewards advantage scaling (GROUP)
 * @param advantageEpsilon added to the standard deviation (1e-6 as verl; TRL uses 1e-4)
 * @param clipRatioLow ε_low: the ratio is clipped below at 1 − ε_low (0.2)
 * @param clipRatioHigh ε_high: the ratio is clipped above at 1 + ε_high (0.2; DAPO's clip-higher uses
 *     0.28, EasyR1 0.3)
 * @param dualClipC dual-clip constant c for negative advantages, > 1; 0 disables (3.0 as verl)
 * @param beta coefficient of the k3 KL penalty to the reference policy; 0 loads no reference (0 as
 *     TRL and verl; VLM-R1 uses 0.04)
 * @param lossAggregation how per-token losses are combined (TOKEN_MEAN as verl)
 * @param lossNormLength the length dividing SEQ_MEAN_TOKEN_SUM_NORM (the maximum completion length,
 *     as Dr. GRPO); 0 uses the longest completion of each mini-batch
 * @param entropyCoefficient weight of the entropy bonus, >= 0 (0)
 * @param temperature temperature of the log-probs, which must equal the sampling temperature (1.0)
 * @param miniBatches optimizer steps per rollout batch per epoch (1); it must divide the number of
 *     rollouts handed to {@link GrpoTrainer#step}
 * @param ppoEpochs passes over each rollout batch (1, as verl and TRL's num_iterations)
 * @param optimizer AdamW settings (lr 1e-6, betas 0.9/0.999, eps 1e-8, weight decay 0.01, no
 *     warm-up, gradient norm clipped at 1.0)
 * @param seed seeds the mini-batch shuffle
 */
public record GrpoConfig(int groupSize, ScaleRewards scaleRewards, double advantageEpsilon, double clipRatioLow,
        double clipRatioHigh, double dualClipC, double beta, LossAggregation lossAggregation, int lossNormLength,
        double entropyCoefficient, double temperature, int miniBatches, int ppoEpochs, OptimizerConfig optimizer,
        long seed) {

    /** Log-ratio clamp before exponentiation, as verl and TRL. */
    public static final double LOG_RATIO_CLAMP = 20.0;

    /** Clamp of the k3 KL estimate, as verl. */
    public static final double KL_CLAMP = 10.0;

    /** Validates every field; each message names the field and the value. */
    public GrpoConfig {
        if (groupSize < 1) {
            throw new IllegalArgumentException("groupSize must be at least 1, got " + groupSize);
        }
        if (scaleRewards == null) {
            throw new IllegalArgumentException("scaleRewards must be one of group, batch, none");
        }
        if (groupSize == 1 && scaleRewards != ScaleRewards.NONE) {
            // A group of one has advantage 0 whatever the batch std, so std scaling would silently train nothing.
            throw new IllegalArgumentException("groupSize 1 cannot be used with scaleRewards="
                    + scaleRewards.name().toLowerCase(java.util.Locale.ROOT) + ": a group of one has no standard "
                    + "deviation and advantage 0 (use groupSize >= 2, or scaleRewards=none)");
        }
        if (!(advantageEpsilon > 0) || !Double.isFinite(advantageEpsilon)) {
            throw new IllegalArgumentException("advantageEpsilon must be a positive number, got " + advantageEpsilon);
        }
        if (!(clipRatioLow >= 0 && clipRatioLow < 1)) {
            throw new IllegalArgumentException("clipRatioLow (epsilon_low) must be in [0, 1), got " + clipRatioLow);
        }
        if (!(clipRatioHigh >= 0) || !Double.isFinite(clipRatioHigh)) {
            throw new IllegalArgumentException("clipRatioHigh (epsilon_high) must be >= 0, got " + clipRatioHigh);
        }
        if (!(dualClipC == 0 || dualClipC > 1) || !Double.isFinite(dualClipC)) {
            throw new IllegalArgumentException("dualClipC must be 0 (disabled) or greater than 1, got " + dualClipC);
        }
        if (!(beta >= 0) || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta (KL coefficient) must be >= 0, got " + beta);
        }
        if (lossAggregation == null) {
            throw new IllegalArgumentException(
                    "lossAggregation must be one of token-mean, seq-mean-token-mean, seq-mean-token-sum-norm");
        }
        if (lossNormLength < 0) {
            throw new IllegalArgumentException("lossNormLength must be >= 0 (0: longest completion), got "
                    + lossNormLength);
        }
        if (!(entropyCoefficient >= 0) || !Double.isFinite(entropyCoefficient)) {
            // A negative weight would turn the bonus into an entropy penalty, which no reference system means.
            throw new IllegalArgumentException("entropyCoefficient must be a finite number >= 0, got "
                    + entropyCoefficient);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        if (miniBatches < 1) {
            throw new IllegalArgumentException("miniBatches must be at least 1, got " + miniBatches);
        }
        if (ppoEpochs < 1) {
            throw new IllegalArgumentException("ppoEpochs must be at least 1, got " + ppoEpochs);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be set");
        }
    }

    /** The reference defaults listed on the record. */
    public static GrpoConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.groupSize = groupSize;
        b.scaleRewards = scaleRewards;
        b.advantageEpsilon = advantageEpsilon;
        b.clipRatioLow = clipRatioLow;
        b.clipRatioHigh = clipRatioHigh;
        b.dualClipC = dualClipC;
        b.beta = beta;
        b.lossAggregation = lossAggregation;
        b.lossNormLength = lossNormLength;
        b.entropyCoefficient = entropyCoefficient;
        b.temperature = temperature;
        b.miniBatches = miniBatches;
        b.ppoEpochs = ppoEpochs;
        b.optimizer = optimizer;
        b.seed = seed;
        return b;
    }

    /** Builds a {@link GrpoConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int groupSize = 8;
        private ScaleRewards scaleRewards = ScaleRewards.GROUP;
        private double advantageEpsilon = 1e-6;
        private double clipRatioLow = 0.2;
        private double clipRatioHigh = 0.2;
        private double dualClipC = 3.0;
        private double beta;
        private LossAggregation lossAggregation = LossAggregation.TOKEN_MEAN;
        private int lossNormLength;
        private double entropyCoefficient;
        private double temperature = 1.0;
        private int miniBatches = 1;
        private int ppoEpochs = 1;
        private OptimizerConfig optimizer = OptimizerConfig.adamW(1e-6);
        private long seed;

        private Builder() {
        }

        /** Sets G. */
        public Builder groupSize(int value) {
            groupSize = value;
            return this;
        }

        /** Sets the advantage scaling. */
        public Builder scaleRewards(ScaleRewards value) {
            scaleRewards = value;
            return this;
        }

        /** Sets ε of the advantage denominator. */
        public Builder advantageEpsilon(double value) {
            advantageEpsilon = value;
            return this;
        }

        /** Sets ε_low and ε_high. */
        public Builder clipRatio(double low, double high) {
            clipRatioLow = low;
            clipRatioHigh = high;
            return this;
        }

        /** Sets the dual-clip constant (0 disables). */
        public Builder dualClipC(double value) {
            dualClipC = value;
            return this;
        }

        /** Sets β. */
        public Builder beta(double value) {
            beta = value;
            return this;
        }

        /** Sets the loss aggregation. */
        public Builder lossAggregation(LossAggregation value) {
            lossAggregation = value;
            return this;
        }

        /** Sets the SEQ_MEAN_TOKEN_SUM_NORM length. */
        public Builder lossNormLength(int value) {
            lossNormLength = value;
            return this;
        }

        /** Sets the entropy bonus weight. */
        public Builder entropyCoefficient(double value) {
            entropyCoefficient = value;
            return this;
        }

        /** Sets the temperature. */
        public Builder temperature(double value) {
            temperature = value;
            return this;
        }

        /** Sets mini-batches per epoch. */
        public Builder miniBatches(int value) {
            miniBatches = value;
            return this;
        }

        /** Sets PPO epochs. */
        public Builder ppoEpochs(int value) {
            ppoEpochs = value;
            return this;
        }

        /** Sets the optimizer. */
        public Builder optimizer(OptimizerConfig value) {
            optimizer = value;
            return this;
        }

        /** Sets the learning rate, keeping the other optimizer settings. */
        public Builder learningRate(double value) {
            optimizer = optimizer.withLearningRate(value);
            return this;
        }

        /** Sets the shuffle seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /**
         * The validated config.
         *
         * @throws IllegalArgumentException naming the first invalid field
         */
        public GrpoConfig build() {
            return new GrpoConfig(groupSize, scaleRewards, advantageEpsilon, clipRatioLow, clipRatioHigh, dualClipC,
                    beta, lossAggregation, lossNormLength, entropyCoefficient, temperature, miniBatches, ppoEpochs,
                    optimizer, seed);
        }
    }
}
