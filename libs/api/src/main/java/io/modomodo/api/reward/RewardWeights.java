package io.modomodo.api.reward;

/**
 * Weights of the reward components; an absent weight is 1.0.
 *
 * @param format   weight of the format component
 * @param accuracy weight of the accuracy component
 */
public record RewardWeights(Double format, Double accuracy) {
}
