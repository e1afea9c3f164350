package io.modomodo.api.trainer;

import java.time.Instant;
import java.util.Map;

/** One evaluation point: step 0 is the base policy. */
public record EvaluationResponse(int step, Instant at, Map<String, BenchmarkScore> benchmarks, double inScore,
        double outScore) {
}
