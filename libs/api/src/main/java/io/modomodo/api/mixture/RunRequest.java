package io.modomodo.api.mixture;

import java.util.Map;

/**
 * {@code POST /api/v1/studies/{id}/runs}: the outcome of training on one mixture.
 *
 * @param weights a weight for every domain of the study, non-negative, summing to 1 within 1e-6
 * @param scores optional named benchmark scores
 * @param score the objective; when absent, the mean of {@code scores}
 * @param externalId the caller's id for the run (a CI job id); posting it again returns the stored run
 */
public record RunRequest(Map<String, Double> weights, Map<String, Double> scores, Double score, String externalId) {
}
