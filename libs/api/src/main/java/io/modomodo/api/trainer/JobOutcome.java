package io.modomodo.api.trainer;

import java.util.Map;

/**
 * What a finished job reached: its last evaluation.
 *
 * @param benchmarks benchmark → score
 * @param inScore mean accuracy over the in-domain benchmarks
 * @param outScore mean accuracy over the OOD benchmarks
 */
public record JobOutcome(int step, Map<String, BenchmarkScore> benchmarks, double inScore, double outScore) {
}
