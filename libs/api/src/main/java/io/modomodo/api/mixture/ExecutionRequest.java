package io.modomodo.api.mixture;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /api/v1/studies/{id}/executions}: run a study end to end on the trainer-service. Every
 * field is optional; a {@code preset} fills the absent ones, then the service's defaults.
 *
 * @param preset {@code smoke}, {@code quick} or {@code paper}
 * @param objective {@code outScore} (default), {@code inScore} or a benchmark name: the run score the
 *        surrogate is fitted to
 * @param surrogate {@code quadratic}, {@code linear} or {@code auto} (the better cross-validated R²)
 * @param rounds sequential explore rounds between the pilot and the final (default 0)
 * @param perRound explore mixtures trained per round (default 2)
 * @param parallelJobs jobs of this execution in flight at once (default: the service setting)
 * @param finalRound JSON {@code final}
 */
public record ExecutionRequest(String preset, PilotSpec pilot, JobTemplate training, String objective,
        String surrogate, Integer rounds, Integer perRound, Integer parallelJobs,
        @JsonProperty("final") FinalSpec finalRound) {
}
