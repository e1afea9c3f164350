package io.modomodo.api.mixture;

/** Held-out quality of a fit: R², RMSE and Spearman correlation over the k folds. */
public record CrossValidationResult(double r2, double rmse, double spearman) {
}
