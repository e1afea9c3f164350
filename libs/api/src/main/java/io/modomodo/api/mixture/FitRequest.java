package io.modomodo.api.mixture;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/studies/{id}/fits}.
 *
 * @param model {@code quadratic} or {@code linear}
 * @param folds cross-validation folds (default 5), between 2 and the number of runs
 */
public record FitRequest(
        @Schema(allowableValues = {"quadratic", "linear"}, defaultValue = "quadratic") String model,
        @Schema(minimum = "2", defaultValue = "5") Integer folds) {
}
