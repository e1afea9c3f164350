/**
 * Maximisers over the bounded simplex: an exact face-enumeration (KKT) solver for quadratic
 * surrogates on up to {@value io.modomodo.mixtures.optimize.SimplexOptimizer#EXACT_MAX_DIMENSION}
 * domains, projected gradient ascent with restarts beyond, and the exploring proposer that trades
 * predicted value against ensemble spread while keeping away from mixtures already run.
 */
package io.modomodo.mixtures.optimize;
