package io.modomodo.api.mixture;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/studies/{id}/proposals}.
 *
 * @param model surrogate, {@code quadratic} (default) or {@code linear}
 * @param strategy {@code best} (default): maximise the fit; {@code explore}: maximise
 *        mean + kappa·spread of a bootstrap ensemble away from the runs
 * @param count how many proposals (default 1)
 * @param kappa exploration weight for {@code explore} (default 1)
 * @param minDistance smallest Euclidean distance between a proposal and the runs ({@code explore})
 *        or earlier proposals (both); default 0.05. When no mixture within the bounds is that far the
 *        distance is relaxed and the response says so in {@code note}
 * @param fitId a stored fit of this study to propose from: its model, runs and folds are used (so its
 *        coefficients), and no new fit is stored; {@code model} may then be omitted
 */
public record ProposalRequest(
        @Schema(allowableValues = {"quadratic", "linear"}, defaultValue = "quadratic") String model,
        @Schema(allowableValues = {"best", "explore"}, defaultValue = "best") String strategy,
        @Schema(minimum = "1", defaultValue = "1") Integer count, Double kappa, Double minDistance,
        String fitId) {

    public ProposalRequest(String model, String strategy, Integer count, Double kappa, Double minDistance) {
        this(model, strategy, count, kappa, minDistance, null);
    }
}
