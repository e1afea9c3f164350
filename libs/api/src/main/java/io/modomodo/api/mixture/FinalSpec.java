package io.modomodo.api.mixture;

import java.util.List;

/**
 * The final comparison: the proposal and each baseline trained once per seed.
 *
 * @param seeds how many seeds (default 3)
 * @param baselines baseline mixtures; {@code uniform} (default)
 */
public record FinalSpec(Integer seeds, List<String> baselines) {
}
