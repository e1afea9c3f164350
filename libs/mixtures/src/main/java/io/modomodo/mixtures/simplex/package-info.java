/**
 * The feasible set of a study: the probability simplex over its m domains cut by per-domain bounds
 * {@code lo ≤ w ≤ hi}, with Euclidean projection onto it and small vector helpers.
 */
package io.modomodo.mixtures.simplex;
