/**
 * Surrogate models of a study's objective as a function of the mixture: linear and quadratic
 * Scheffé polynomials fitted by ridge least squares with the penalty chosen by k-fold cross
 * validation, their quadratic-form reading {@code a + bᵀw + wᵀCw}, and bootstrap ensembles that give
 * a predictive spread.
 */
package io.modomodo.mixtures.surrogate;
