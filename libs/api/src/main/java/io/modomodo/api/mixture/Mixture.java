package io.modomodo.api.mixture;

import java.util.Map;

/** One mixture: a weight per domain, summing to 1. */
public record Mixture(Map<String, Double> weights) {
}
