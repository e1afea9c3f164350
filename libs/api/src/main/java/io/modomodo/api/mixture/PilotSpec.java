package io.modomodo.api.mixture;

import java.util.List;

/**
 * The pilot mixtures of a managed study.
 *
 * @param families design families in order: {@code seeds} (uniform, each domain alone, each left
 *        out: 2m + 1 mixtures) then {@code space-filling} (maximin) up to {@code count}
 * @param count pilot mixtures in all (default: enough for the surrogate, at least the seed family)
 */
public record PilotSpec(List<String> families, Integer count) {
}
