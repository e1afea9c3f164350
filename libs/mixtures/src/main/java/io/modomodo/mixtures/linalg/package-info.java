/**
 * The small dense linear algebra the mixture code needs (Cholesky for ridge normal equations, LU
 * with partial pivoting for KKT systems), written out so the library has no numeric dependency.
 */
package io.modomodo.mixtures.linalg;
