package io.modomodo.mixtures.linalg;

/**
 * Solves small dense linear systems held as {@code double[row][col]}. Inputs are never modified.
 * Sizes here are at most a few hundred, so the textbook O(n³) factorisations are the right tool.
 */
public final class DenseSolver {

    private DenseSolver() {
    }

    /**
     * Solves {@code A x = b} for a symmetric positive definite {@code A} by Cholesky.
     *
     * @return the solution, or {@code null} when {@code A} is not numerically positive definite
     */
    public static double[] solveSpd(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0) || !Double.isFinite(d)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j][j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / ljj;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /**
     * Solves {@code A x = b} for a general square {@code A} by LU with partial pivoting.
     *
     * @param relativeTolerance a pivot smaller than this times the largest entry of {@code A} counts
     *        as zero
     * @return the solution, or {@code null} when {@code A} is numerically singular
     */
    public static double[] solveLu(double[][] a, double[] b, double relativeTolerance) {
        LuDecomposition lu = LuDecomposition.of(a, relativeTolerance);
        return lu == null ? null : lu.solve(b);
    }
}
