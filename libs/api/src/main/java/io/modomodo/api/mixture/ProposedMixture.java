package io.modomodo.api.mixture;

import java.util.Map;

/**
 * One proposal: the mixture, its predicted objective and the bootstrap spread of that prediction.
 *
 * @param distance Euclidean distance from the proposal to the nearest mixture it had to keep away from
 *        (the study's runs for {@code explore}, the earlier proposals for both strategies); null for the
 *        first {@code best} proposal, which keeps away from nothing, and in proposals stored before it was
 *        reported
 */
public record ProposedMixture(Map<String, Double> weights, double predicted, double spread, Double distance) {

    public ProposedMixture(Map<String, Double> weights, double predicted, double spread) {
        this(weights, predicted, spread, null);
    }
}
