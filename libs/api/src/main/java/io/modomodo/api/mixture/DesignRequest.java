package io.modomodo.api.mixture;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/studies/{id}/designs}.
 *
 * @param strategy {@code seeds}, {@code dirichlet} or {@code space-filling}
 * @param count how many mixtures (default 10); {@code seeds} returns at most 2m + 1
 * @param seed random seed (default 0): the same seed and study give the same design
 * @param alpha Dirichlet concentration scale (default 1: uniform on the simplex)
 */
public record DesignRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"seeds", "dirichlet", "space-filling"}) String strategy,
        @Schema(minimum = "1", defaultValue = "10") Integer count, Long seed, Double alpha) {
}
