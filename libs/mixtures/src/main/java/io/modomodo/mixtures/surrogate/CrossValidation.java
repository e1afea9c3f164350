package io.modomodo.mixtures.surrogate;

/**
 * Quality of a surrogate on held-out folds: every run is predicted by the fit that did not see it.
 *
 * @param r2 1 − SS_res/SS_tot of the held-out predictions (can be negative: worse than the mean);
 *        0 when the outcomes do not vary
 * @param rmse root mean squared held-out error
 * @param spearman rank correlation of held-out predictions with outcomes; 0 when either is constant
 * @param folds the number of folds actually used
 * @param penalty the chosen ridge penalty, relative to the mean diagonal of the Gram matrix
 * @param heldOut each run's prediction by the fit that did not see it, in the order of the runs given
 *        (what a predicted-against-actual plot shows)
 */
public record CrossValidation(double r2, double rmse, double spearman, int folds, double penalty, double[] heldOut) {
}
