package io.modomodo.api.rollout;

import java.util.List;

/**
 * The completions of a rollout request, grouped by prompt in request order, then by index.
 *
 * @param policyVersion the version that was sampled (resolves a {@code null} version to the latest)
 */
public record RolloutResponse(long policyVersion, List<RolloutCompletion> completions, RolloutStats stats) {
}
