package io.modomodo.api.mixture;

import java.util.Map;

/** One proposal: the mixture, its predicted objective and the bootstrap spread of that prediction. */
public record ProposedMixture(Map<String, Double> weights, double predicted, double spread) {
}
