package io.modomodo.api.rollout;

import java.util.List;

/**
 * How to sample; every field is optional and falls back to the service's default.
 *
 * @param temperature 0 is greedy (default 1.0)
 * @param topP nucleus mass in (0, 1] (default 1.0)
 * @param maxNewTokens at most this many new tokens per completion (default 64)
 * @param stop stop strings, matched on the decoded text (default {@code ["</answer>"]})
 * @param seed seeds the sampling: the same seed, policy version and prompts give the same completions
 */
public record SamplingParams(Double temperature, Double topP, Integer maxNewTokens, List<String> stop, Long seed) {
}
