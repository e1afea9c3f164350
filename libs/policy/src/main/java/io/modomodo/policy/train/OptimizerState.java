package io.modomodo.policy.train;

import java.util.Map;

/**
 * AdamW state on the heap, for checkpoints.
 *
 * @param step number of updates applied
 * @param firstMoments per parameter name
 * @param secondMoments per parameter name
 */
public record OptimizerState(long step, Map<String, float[]> firstMoments, Map<String, float[]> secondMoments) {
}
