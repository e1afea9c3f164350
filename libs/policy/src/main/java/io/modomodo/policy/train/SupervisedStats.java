package io.modomodo.policy.train;

/**
 * What one supervised step did.
 *
 * @param loss mean cross-entropy per target token
 * @param tokens number of target tokens
 * @param gradientNorm global gradient norm before clipping
 * @param learningRate learning rate used
 * @param millis wall time of the step
 */
public record SupervisedStats(double loss, int tokens, double gradientNorm, double learningRate, long millis) {
}
