package io.modomodo.api.trainer;

/**
 * One benchmark's evaluation.
 *
 * @param accuracy share of items whose accuracy reward is 1
 * @param reward mean total reward
 * @param formatRate share of responses in the template
 * @param items items evaluated
 */
public record BenchmarkScore(double accuracy, double reward, double formatRate, int items) {
}
