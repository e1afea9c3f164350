package io.modomodo.mixtures.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.modomodo.mixtures.design.DirichletSampler;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.surrogate.QuadraticForm;

/**
 * The optimiser on many random cases for m = 2..10 against an independent brute force: every one of
 * the 3^m faces (each coordinate at lo, at hi or free) solved naively by Gaussian elimination, plus
 * vertices and many projected-gradient end points as a lower bound. Curvatures include indefinite,
 * concave, convex, rank-deficient, near-singular and zero C; scales from 1e-6 to 1e6; bounds with
 * positive minimums, lo = hi, Σlo = 1 and Σhi = 1 exactly.
 */
class SimplexOptimizerRedTeamTest {

    private final SplittableRandom random = new SplittableRandom(4242);

    @Test
    void exactOptimiserAgreesWithNaiveFaceEnumerationOnHardRandomCases() {
        for (int trial = 0; trial < 400; trial++) {
            int m = 2 + trial % 9;
            double scale = Math.pow(10, -6 + random.nextInt(13));
            QuadraticForm f = randomQuadratic(m, trial % 7, scale);
            Bounds bounds = randomBounds(m, trial % 6);
            Optimum optimum = SimplexOptimizer.maximise(f, bounds);
            String label = "trial " + trial + " m=" + m + " kind=" + trial % 7 + " bounds=" + bounds;
            assertExactlyFeasible(optimum.weights(), bounds, label);
            assertThat(optimum.value()).as(label).isEqualTo(f.value(optimum.weights()));
            double reference = naiveFaces(f, bounds);
            double tolerance = 1e-9 * Math.max(1, scale);
            assertThat(optimum.value()).as(label).isGreaterThanOrEqualTo(reference - tolerance);
            assertThat(optimum.value()).as(label).isLessThanOrEqualTo(reference + tolerance);
            assertThat(optimum.value()).as(label).isGreaterThanOrEqualTo(sampledLowerBound(f, bounds, 200) - tolerance);
        }
    }

    @Test
    void fallbackBeyondTenDomainsIsFeasibleAndNeverWorseThanVerticesOrSampling() {
        for (int trial = 0; trial < 20; trial++) {
            int m = 11 + trial % 10;
            double scale = Math.pow(10, -3 + random.nextInt(7));
            QuadraticForm f = randomQuadratic(m, trial % 7, scale);
            Bounds bounds = randomBounds(m, trial % 6);
            Optimum optimum = SimplexOptimizer.maximise(f, bounds);
            String label = "trial " + trial + " m=" + m;
            assertExactlyFeasible(optimum.weights(), bounds, label);
            assertThat(optimum.value()).as(label).isGreaterThanOrEqualTo(sampledLowerBound(f, bounds, 2_000)
                    - 1e-12 * Math.max(1, scale));
        }
    }

    private static void assertExactlyFeasible(double[] w, Bounds bounds, String label) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).as(label + " w[" + i + "]").isBetween(bounds.lo(i), bounds.hi(i));
            sum += w[i];
        }
        assertThat(Math.abs(sum - 1)).as(label + " Σw − 1").isLessThanOrEqualTo(1e-12);
    }

    /** Best of the projected vertices and RegMix-style Dirichlet samples (projected into the bounds). */
    private double sampledLowerBound(QuadraticForm f, Bounds bounds, int samples) {
        int m = f.dimension();
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            double[] vertex = new double[m];
            vertex[i] = 1;
            best = Math.max(best, f.value(bounds.project(vertex)));
        }
        DirichletSampler sampler = new DirichletSampler(random.nextLong());
        double[] ones = new double[m];
        java.util.Arrays.fill(ones, 1.0);
        for (int s = 0; s < samples; s++) {
            best = Math.max(best, f.value(bounds.project(sampler.sample(ones))));
        }
        return best;
    }

    /** Max of f over the stationary points of every face (3^m), each solved independently. */
    private static double naiveFaces(QuadraticForm f, Bounds bounds) {
        int m = f.dimension();
        int faces = 1;
        for (int i = 0; i < m; i++) {
            faces *= 3;
        }
        double best = Double.NEGATIVE_INFINITY;
        int[] state = new int[m];
        for (int code = 0; code < faces; code++) {
            int c = code;
            for (int i = 0; i < m; i++) {
                state[i] = c % 3;
                c /= 3;
            }
            double[] w = solveFace(f, bounds, state);
            if (w != null) {
                best = Math.max(best, f.value(w));
            }
        }
        return best;
    }

    /** state: 0 free, 1 at lo, 2 at hi. Null when infeasible or singular. */
    private static double[] solveFace(QuadraticForm f, Bounds bounds, int[] state) {
        int m = state.length;
        double[] w = new double[m];
        int k = 0;
        double fixedSum = 0;
        for (int i = 0; i < m; i++) {
            if (state[i] == 0) {
                k++;
            }
            else {
                w[i] = state[i] == 1 ? bounds.lo(i) : bounds.hi(i);
                fixedSum += w[i];
            }
        }
        if (k == 0) {
            return Math.abs(fixedSum - 1) <= 1e-12 ? w : null;
        }
        int[] free = new int[k];
        for (int i = 0, r = 0; i < m; i++) {
            if (state[i] == 0) {
                free[r++] = i;
            }
        }
        // Eliminate Σ w_F = 1 − fixedSum: w_F = w0 + Z y with w0 on the last free coordinate and
        // Z = (e_r − e_last); stationarity on the face is Zᵀ(2 C_FF w_F + g) = 0, a (k−1)-system in y.
        double[] g = new double[k];
        for (int r = 0; r < k; r++) {
            g[r] = f.b(free[r]);
            for (int j = 0; j < m; j++) {
                if (state[j] != 0) {
                    g[r] += 2 * f.c(free[r], j) * w[j];
                }
            }
        }
        double rest = 1 - fixedSum;
        int last = k - 1;
        double[] x = new double[k];
        x[last] = rest;
        if (k > 1) {
            double[][] a = new double[k - 1][k];
            for (int r = 0; r < k - 1; r++) {
                // row r of Zᵀ(2C)Z and of −Zᵀ(g + 2C w0)
                for (int s = 0; s < k - 1; s++) {
                    a[r][s] = 2 * (f.c(free[r], free[s]) - f.c(free[r], free[last]) - f.c(free[last], free[s])
                            + f.c(free[last], free[last]));
                }
                a[r][k - 1] = -((g[r] - g[last]) + 2 * rest * (f.c(free[r], free[last]) - f.c(free[last], free[last])));
            }
            double[] y = gauss(a);
            if (y == null) {
                return null;
            }
            for (int r = 0; r < k - 1; r++) {
                x[r] = y[r];
                x[last] -= y[r];
            }
        }
        for (int r = 0; r < k; r++) {
            int i = free[r];
            if (x[r] < bounds.lo(i) - 1e-12 || x[r] > bounds.hi(i) + 1e-12) {
                return null;
            }
            w[i] = x[r];
        }
        return w;
    }

    private static double[] gauss(double[][] a) {
        int n = a.length;
        double norm = 0;
        for (double[] row : a) {
            for (int j = 0; j < n; j++) {
                norm = Math.max(norm, Math.abs(row[j]));
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (norm == 0 || Math.abs(a[pivot][col]) <= 1e-12 * norm) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                for (int j = col; j <= n; j++) {
                    a[r][j] -= factor * a[col][j];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int j = r + 1; j < n; j++) {
                s -= a[r][j] * x[j];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    /** kind: 0 indefinite, 1 concave, 2 convex, 3 rank-1 (deficient), 4 near-singular concave, 5 zero C, 6 tiny C. */
    private QuadraticForm randomQuadratic(int m, int kind, double scale) {
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = scale * random.nextDouble(-1, 1);
        }
        double[][] c = new double[m][m];
        switch (kind) {
            case 0 -> {
                for (int i = 0; i < m; i++) {
                    for (int j = i; j < m; j++) {
                        c[i][j] = c[j][i] = scale * random.nextDouble(-2, 2);
                    }
                }
            }
            case 1, 2, 4 -> {
                double sign = kind == 2 ? 1 : -1;
                int rank = kind == 4 ? Math.max(1, m - 1) : m;
                addGram(c, m, rank, sign * scale);
                if (kind == 4) {
                    for (int i = 0; i < m; i++) {
                        c[i][i] -= 1e-9 * scale;
                    }
                }
            }
            case 3 -> addGram(c, m, 1, (random.nextBoolean() ? 1 : -1) * scale);
            case 6 -> {
                for (int i = 0; i < m; i++) {
                    for (int j = i; j < m; j++) {
                        c[i][j] = c[j][i] = 1e-9 * scale * random.nextDouble(-1, 1);
                    }
                }
            }
            default -> {
                // zero C: a linear programme
            }
        }
        return new QuadraticForm(scale * random.nextDouble(), b, c);
    }

    private void addGram(double[][] c, int m, int rank, double factor) {
        for (int k = 0; k < rank; k++) {
            double[] g = new double[m];
            for (int i = 0; i < m; i++) {
                g[i] = random.nextDouble(-1, 1);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    c[i][j] += factor * g[i] * g[j];
                }
            }
        }
    }

    /** kind: 0 none, 1 random, 2 positive minimums, 3 one domain fixed (lo = hi), 4 Σlo = 1, 5 Σhi = 1. */
    private Bounds randomBounds(int m, int kind) {
        while (true) {
            double[] lo = new double[m];
            double[] hi = new double[m];
            java.util.Arrays.fill(hi, 1.0);
            switch (kind) {
                case 0 -> {
                    return Bounds.unbounded(m);
                }
                case 1 -> {
                    for (int i = 0; i < m; i++) {
                        lo[i] = random.nextDouble() < 0.5 ? 0 : random.nextDouble(0, 0.8 / m);
                        hi[i] = random.nextDouble() < 0.3 ? 1 : random.nextDouble(Math.max(lo[i], 0.1), 0.9);
                    }
                }
                case 2 -> {
                    for (int i = 0; i < m; i++) {
                        lo[i] = random.nextDouble(0.01, 0.9 / m);
                        hi[i] = random.nextDouble(Math.max(lo[i], 1.0 / m), 1);
                    }
                }
                case 3 -> {
                    int j = random.nextInt(m);
                    lo[j] = hi[j] = random.nextDouble(0, 0.5);
                    int k = random.nextInt(m);
                    if (k != j) {
                        lo[k] = random.nextDouble(0, 0.3);
                    }
                }
                case 4 -> {
                    double[] d = dirichlet(m);
                    for (int i = 0; i < m; i++) {
                        lo[i] = d[i];
                    }
                    lo[m - 1] = 0;
                    double s = 0;
                    for (int i = 0; i < m - 1; i++) {
                        s += lo[i];
                    }
                    lo[m - 1] = Math.max(0, 1 - s);
                }
                default -> {
                    double[] d = dirichlet(m);
                    double s = 0;
                    for (int i = 0; i < m - 1; i++) {
                        hi[i] = d[i];
                        s += d[i];
                    }
                    hi[m - 1] = Math.min(1, 1 - s);
                }
            }
            try {
                return Bounds.of(lo, hi);
            }
            catch (IllegalArgumentException infeasible) {
                // draw again
            }
        }
    }

    private double[] dirichlet(int m) {
        return new DirichletSampler(random.nextLong()).sample(filled(m));
    }

    private static double[] filled(int m) {
        double[] ones = new double[m];
        java.util.Arrays.fill(ones, 1.0);
        return ones;
    }
}
