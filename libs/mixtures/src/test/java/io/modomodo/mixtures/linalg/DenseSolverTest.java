package io.modomodo.mixtures.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DenseSolverTest {

    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void solvesSymmetricPositiveDefiniteSystemsByCholesky() {
        for (int n = 1; n <= 12; n++) {
            double[][] g = randomMatrix(n + 3, n);
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (double[] row : g) {
                        a[i][j] += row[i] * row[j];
                    }
                }
                a[i][i] += 0.1;
            }
            double[] b = randomVector(n);
            assertThat(residual(a, DenseSolver.solveSpd(a, b), b)).isLessThan(1e-10);
        }
    }

    @Test
    void reportsMatricesThatAreNotPositiveDefinite() {
        assertThat(DenseSolver.solveSpd(new double[][] {{1, 2}, {2, 1}}, new double[] {1, 1})).isNull();
    }

    @Test
    void solvesGeneralSystemsByLuWithPivoting() {
        for (int n = 2; n <= 12; n++) {
            double[][] a = randomMatrix(n, n);
            a[0][0] = 0; // forces a row exchange
            double[] b = randomVector(n);
            double[] x = DenseSolver.solveLu(a, b, 1e-13);
            assertThat(x).isNotNull();
            assertThat(residual(a, x, b)).isLessThan(1e-9);
        }
    }

    @Test
    void reportsSingularSystems() {
        double[][] a = {{1, 2, 3}, {2, 4, 6}, {0, 1, 1}};
        assertThat(DenseSolver.solveLu(a, new double[] {1, 2, 3}, 1e-12)).isNull();
    }

    private double[][] randomMatrix(int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        return a;
    }

    private double[] randomVector(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        return v;
    }

    private static double residual(double[][] a, double[] x, double[] b) {
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            double s = -b[i];
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            worst = Math.max(worst, Math.abs(s));
        }
        return worst;
    }
}
