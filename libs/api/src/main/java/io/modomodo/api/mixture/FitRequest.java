package io.modomodo.api.mixture;

/**
 * {@code POST /api/v1/studies/{id}/fits}.
 *
 * @param model {@code quadratic} or {@code linear}
 * @param folds cross-validation folds (default 5), between 2 and the number of runs
 */
public record FitRequest(String model, Integer folds) {
}
