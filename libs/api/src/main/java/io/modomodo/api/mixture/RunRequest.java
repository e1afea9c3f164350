package io.modomodo.api.mixture;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/studies/{id}/runs}: the outcome of training on one mixture.
 *
 * @param weights a weight for every domain of the study, non-negative, summing to 1 within 1e-6
 * @param scores optional named benchmark scores, stored as given
 * @param score the objective the surrogate is fitted to. When given it is used as it is, whatever
 *        {@code scores} say (an objective may weigh benchmarks unequally, or be one of them); when
 *        absent it is the mean of {@code scores}, and one of the two is required
 * @param externalId the caller's id for the run (a CI job id): posting the same run with it again
 *        returns the stored run (200); posting another run with it is a conflict (409)
 */
public record RunRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) Map<String, Double> weights,
        Map<String, Double> scores, Double score, @Schema(maxLength = 200) String externalId) {
}
