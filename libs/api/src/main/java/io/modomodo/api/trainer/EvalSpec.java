package io.modomodo.api.trainer;

import java.util.List;

/**
 * When and on what a job evaluates: greedy decoding on fixed items, scored by the reward-service.
 *
 * @param every evaluate every this many steps (and always at step 0 and at the last step)
 * @param benchmarks default: the job's built-in training domains and the four OOD benchmarks
 * @param itemsPerBenchmark fixed items per benchmark
 * @param split {@code validation} (default) or {@code test}
 */
public record EvalSpec(Integer every, List<String> benchmarks, Integer itemsPerBenchmark, String split) {
}
