package io.modomodo.api.mixture;

/**
 * {@code POST /api/v1/studies/{id}/proposals}.
 *
 * @param model surrogate, {@code quadratic} (default) or {@code linear}
 * @param strategy {@code best} (default): maximise the fit; {@code explore}: maximise
 *        mean + kappa·spread of a bootstrap ensemble away from the runs
 * @param count how many proposals (default 1)
 * @param kappa exploration weight for {@code explore} (default 1)
 * @param minDistance smallest Euclidean distance between a proposal and the runs ({@code explore})
 *        or earlier proposals (both); default 0.05
 */
public record ProposalRequest(String model, String strategy, Integer count, Double kappa, Double minDistance) {
}
