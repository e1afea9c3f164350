package io.modomodo.mixtures.optimize;

/**
 * A maximiser found over the bounded simplex.
 *
 * @param weights the mixture
 * @param value the objective there
 * @param exact true when found by face enumeration (the global maximum), false for a local search
 */
public record Optimum(double[] weights, double value, boolean exact) {

    public Optimum {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
