package io.modomodo.policy.generate;

import java.util.List;

/**
 * How to sample.
 *
 * @param temperature logits are divided by it; 0 means greedy (argmax)
 * @param topP nucleus sampling: sample among the most likely tokens whose probabilities sum to at
 *     least this; 1 keeps all
 * @param maxNewTokens most tokens generated per prompt
 * @param stopStrings generation of a row stops once its text contains one of these (the string is
 *     kept in the text, since templates such as {@code </answer>} are part of the answer)
 * @param seed seeds sampling: the same seed and inputs give the same completions
 * @param useCache whether to decode with the key/value cache (true in production; false recomputes
 *     the whole prefix per token and exists for comparison)
 */
public record SamplingOptions(double temperature, double topP, int maxNewTokens, List<String> stopStrings, long seed,
        boolean useCache) {

    /** Validates; messages name the field. */
    public SamplingOptions {
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
        }
        if (stopStrings != null) {
            for (String stop : stopStrings) {
                // An empty stop string would match at once and end every row before its first token.
                if (stop == null || stop.isEmpty()) {
                    throw new IllegalArgumentException("stopStrings must not contain a null or empty string");
                }
            }
        }
        stopStrings = stopStrings == null ? List.of() : List.copyOf(stopStrings);
    }

    /** Temperature 1, top-p 1, the given length, stop on {@code </answer>}, cache on. */
    public static SamplingOptions of(int maxNewTokens, long seed) {
        return new SamplingOptions(1.0, 1.0, maxNewTokens, List.of("</answer>"), seed, true);
    }

    /** A copy with another seed. */
    public SamplingOptions withSeed(long newSeed) {
        return new SamplingOptions(temperature, topP, maxNewTokens, stopStrings, newSeed, useCache);
    }

    /** A copy with the cache on or off. */
    public SamplingOptions withCache(boolean cache) {
        return new SamplingOptions(temperature, topP, maxNewTokens, stopStrings, seed, cache);
    }

    /** A copy with other stop strings. */
    public SamplingOptions withStopStrings(List<String> stops) {
        return new SamplingOptions(temperature, topP, maxNewTokens, stops, seed, useCache);
    }
}
