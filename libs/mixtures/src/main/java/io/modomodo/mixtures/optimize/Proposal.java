package io.modomodo.mixtures.optimize;

/**
 * A proposed mixture.
 *
 * @param weights the mixture
 * @param predicted the surrogate's prediction there (the full fit for {@code best}, the ensemble mean
 *        for {@code explore})
 * @param spread the bootstrap ensemble's standard deviation there
 */
public record Proposal(double[] weights, double predicted, double spread) {

    public Proposal {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
