package io.modomodo.policy.train;

/**
 * AdamW hyper-parameters.
 *
 * @param learningRate peak learning rate (reference systems use about 1e-6 for 2–7 B VLMs; the
 *     small built-in models train at 1e-4 to 3e-3)
 * @param beta1 first-moment decay (0.9)
 * @param beta2 second-moment decay (0.999)
 * @param epsilon denominator guard (1e-8)
 * @param weightDecay decoupled weight decay, applied to matrices and embeddings, not to biases and
 *     norm gains (0.01, as verl's actor)
 * @param warmupSteps steps of linear warm-up from lr/warmupSteps to lr (0: none)
 * @param maxGradNorm gradients are scaled so that their global L2 norm is at most this (1.0, as verl
 *     and TRL); 0 disables clipping
 */
public record OptimizerConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
        int warmupSteps, double maxGradNorm) {

    /** Validates; messages name the field. */
    public OptimizerConfig {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite positive number, got " + epsilon);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
        if (!(maxGradNorm >= 0) || !Double.isFinite(maxGradNorm)) {
            throw new IllegalArgumentException("maxGradNorm must be >= 0 (0 disables clipping), got " + maxGradNorm);
        }
    }

    /** Reference defaults with the given learning rate. */
    public static OptimizerConfig adamW(double learningRate) {
        return new OptimizerConfig(learningRate, 0.9, 0.999, 1e-8, 0.01, 0, 1.0);
    }

    /** A copy with another learning rate. */
    public OptimizerConfig withLearningRate(double rate) {
        return new OptimizerConfig(rate, beta1, beta2, epsilon, weightDecay, warmupSteps, maxGradNorm);
    }

    /** A copy with another warm-up. */
    public OptimizerConfig withWarmupSteps(int steps) {
        return new OptimizerConfig(learningRate, beta1, beta2, epsilon, weightDecay, steps, maxGradNorm);
    }

    /** Learning rate at 1-based step t: linear warm-up, then constant. */
    public double learningRateAt(long step) {
        if (warmupSteps == 0 || step >= warmupSteps) {
            return learningRate;
        }
        return learningRate * Math.max(1, step) / warmupSteps;
    }
}
