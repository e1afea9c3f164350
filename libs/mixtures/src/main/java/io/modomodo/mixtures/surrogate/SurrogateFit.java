package io.modomodo.mixtures.surrogate;

/**
 * A fitted surrogate.
 *
 * @param model the family
 * @param n how many runs it was fitted on
 * @param coefficients Scheffé coefficients β (see {@link SurrogateModel#features})
 * @param form the same function read as {@code a + bᵀw + wᵀCw} (see {@link SurrogateModel#toQuadraticForm})
 * @param cv held-out quality and the chosen penalty
 */
public record SurrogateFit(SurrogateModel model, int n, double[] coefficients, QuadraticForm form, CrossValidation cv) {

    public SurrogateFit {
        coefficients = coefficients.clone();
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    /** The surrogate's prediction at w. */
    public double predict(double[] w) {
        return form.value(w);
    }
}
