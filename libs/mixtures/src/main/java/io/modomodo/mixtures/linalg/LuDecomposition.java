package io.modomodo.mixtures.linalg;

/**
 * LU factorisation with partial pivoting of a square matrix, kept so that many right-hand sides can
 * be solved at O(n²) each. The input is not modified.
 */
public final class LuDecomposition {

    private final double[][] lu;
    private final int[] pivot;

    private LuDecomposition(double[][] lu, int[] pivot) {
        this.lu = lu;
        this.pivot = pivot;
    }

    /**
     * Factorises {@code a}.
     *
     * @param relativeTolerance a pivot smaller than this times the largest entry counts as zero
     * @return the factorisation, or {@code null} when {@code a} is numerically singular
     */
    public static LuDecomposition of(double[][] a, double relativeTolerance) {
        int n = a.length;
        double[][] m = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            for (double v : m[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double tiny = relativeTolerance * (scale == 0 ? 1 : scale);
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[p][col])) {
                    p = r;
                }
            }
            if (!(Math.abs(m[p][col]) > tiny)) {
                return null;
            }
            if (p != col) {
                double[] row = m[p];
                m[p] = m[col];
                m[col] = row;
                int t = perm[p];
                perm[p] = perm[col];
                perm[col] = t;
            }
            double d = m[col][col];
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / d;
                m[r][col] = f;
                if (f != 0) {
                    for (int c = col + 1; c < n; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        return new LuDecomposition(m, perm);
    }

    /** Solves {@code A x = b}. */
    public double[] solve(double[] b) {
        int n = b.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[pivot[i]];
            double[] row = lu[i];
            for (int k = 0; k < i; k++) {
                s -= row[k] * x[k];
            }
            x[i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            double[] row = lu[i];
            for (int k = i + 1; k < n; k++) {
                s -= row[k] * x[k];
            }
            x[i] = s / row[i];
        }
        return x;
    }
}
