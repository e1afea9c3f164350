package io.modomodo.mixtures.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.surrogate.QuadraticForm;

/**
 * The exact optimiser against brute force: a fine grid over the bounded simplex, with the best grid
 * points polished by a long projected-gradient ascent, on random quadratics of every curvature.
 */
class SimplexOptimizerTest {

    private final SplittableRandom random = new SplittableRandom(2026);

    @Test
    void agreesWithBruteForceOnConcaveQuadraticsWithoutBounds() {
        compareWithBruteForce(Curvature.CONCAVE, false);
    }

    @Test
    void agreesWithBruteForceOnConcaveQuadraticsWithBounds() {
        compareWithBruteForce(Curvature.CONCAVE, true);
    }

    @Test
    void agreesWithBruteForceOnIndefiniteQuadraticsWithoutBounds() {
        compareWithBruteForce(Curvature.INDEFINITE, false);
    }

    @Test
    void agreesWithBruteForceOnIndefiniteQuadraticsWithBounds() {
        compareWithBruteForce(Curvature.INDEFINITE, true);
    }

    @Test
    void agreesWithBruteForceOnConvexQuadraticsWhoseMaximumIsAtAVertex() {
        compareWithBruteForce(Curvature.CONVEX, true);
    }

    @Test
    void projectedGradientMatchesTheExactOptimumOnConcaveQuadratics() {
        for (int trial = 0; trial < 20; trial++) {
            int m = 5 + random.nextInt(6);
            QuadraticForm f = randomQuadratic(m, Curvature.CONCAVE);
            Bounds bounds = trial % 2 == 0 ? Bounds.unbounded(m) : randomBounds(m);
            Optimum exact = SimplexOptimizer.exact(f, bounds);
            Optimum gradient = SimplexOptimizer.projectedGradient(f, bounds, 8, trial);
            assertThat(gradient.value()).isCloseTo(exact.value(), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void projectedGradientNeverBeatsTheExactOptimum() {
        for (int trial = 0; trial < 20; trial++) {
            int m = 6 + random.nextInt(5);
            QuadraticForm f = randomQuadratic(m, Curvature.INDEFINITE);
            Bounds bounds = trial % 2 == 0 ? Bounds.unbounded(m) : randomBounds(m);
            Optimum exact = SimplexOptimizer.exact(f, bounds);
            Optimum gradient = SimplexOptimizer.projectedGradient(f, bounds, 32, trial);
            assertThat(bounds.contains(gradient.weights(), 1e-9)).isTrue();
            assertThat(gradient.value()).isLessThanOrEqualTo(exact.value() + 1e-12);
        }
    }

    @Test
    void concaveAndLinearFastPathsAgreeWithFaceEnumeration() {
        for (int trial = 0; trial < 30; trial++) {
            int m = 3 + random.nextInt(6);
            Curvature curvature = trial % 3 == 0 ? Curvature.LINEAR : Curvature.CONCAVE;
            QuadraticForm f = randomQuadratic(m, curvature);
            Bounds bounds = trial % 2 == 0 ? Bounds.unbounded(m) : randomBounds(m);
            Optimum fast = SimplexOptimizer.exact(f, bounds);
            Optimum faces = SimplexOptimizer.enumerateFaces(f, bounds);
            assertThat(fast.exact()).isTrue();
            assertThat(bounds.contains(fast.weights(), 1e-9)).isTrue();
            assertThat(fast.value()).isCloseTo(faces.value(), org.assertj.core.api.Assertions.within(1e-9));
        }
    }

    @Test
    void certifiesTheGlobalMaximumOfConcaveQuadraticsBeyondTenDomains() {
        int m = 20;
        QuadraticForm f = randomQuadratic(m, Curvature.CONCAVE);
        Optimum optimum = SimplexOptimizer.maximise(f, Bounds.unbounded(m));
        assertThat(optimum.exact()).isTrue();
        Optimum multiStart = SimplexOptimizer.projectedGradient(f, Bounds.unbounded(m), 16, 1);
        assertThat(optimum.value()).isGreaterThanOrEqualTo(multiStart.value() - 1e-12);
    }

    @Test
    void fallsBackToProjectedGradientBeyondTenDomains() {
        int m = 14;
        QuadraticForm f = randomQuadratic(m, Curvature.INDEFINITE);
        Optimum optimum = SimplexOptimizer.maximise(f, Bounds.unbounded(m));
        assertThat(optimum.exact()).isFalse();
        assertThat(Bounds.unbounded(m).contains(optimum.weights(), 1e-9)).isTrue();
    }

    private void compareWithBruteForce(Curvature curvature, boolean bounded) {
        for (int trial = 0; trial < 12; trial++) {
            int m = 3 + trial % 2;
            QuadraticForm f = randomQuadratic(m, curvature);
            Bounds bounds = bounded ? randomBounds(m) : Bounds.unbounded(m);
            Optimum exact = SimplexOptimizer.exact(f, bounds);
            assertThat(exact.exact()).isTrue();
            assertThat(bounds.contains(exact.weights(), 1e-9)).as("feasible").isTrue();
            assertThat(f.value(exact.weights())).isEqualTo(exact.value());
            double brute = bruteForce(f, bounds, m == 3 ? 240 : 60);
            assertThat(exact.value()).as("trial %d, %s, m=%d", trial, bounds, m)
                    .isBetween(brute - 1e-9, brute + 1e-9);
        }
    }

    /** Max over a grid of step 1/steps (projected into the bounds), best 40 polished by ascent. */
    private static double bruteForce(QuadraticForm f, Bounds bounds, int steps) {
        int m = f.dimension();
        List<double[]> grid = new ArrayList<>();
        enumerate(new int[m], 0, steps, steps, grid);
        List<double[]> feasible = grid.stream().map(bounds::project).toList();
        List<double[]> top = feasible.stream()
                .sorted(Comparator.comparingDouble((double[] w) -> f.value(w)).reversed())
                .limit(40).toList();
        double lipschitz = SimplexOptimizer.lipschitz(f);
        double best = Double.NEGATIVE_INFINITY;
        for (double[] w : top) {
            best = Math.max(best, f.value(SimplexOptimizer.ascend(f, bounds, w, lipschitz, 200_000, false)));
        }
        return best;
    }

    private static void enumerate(int[] counts, int i, int left, int steps, List<double[]> out) {
        int m = counts.length;
        if (i == m - 1) {
            counts[i] = left;
            double[] w = new double[m];
            for (int k = 0; k < m; k++) {
                w[k] = counts[k] / (double) steps;
            }
            out.add(w);
            return;
        }
        for (int c = 0; c <= left; c++) {
            counts[i] = c;
            enumerate(counts, i + 1, left - c, steps, out);
        }
    }

    enum Curvature { LINEAR, CONCAVE, CONVEX, INDEFINITE }

    private QuadraticForm randomQuadratic(int m, Curvature curvature) {
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = random.nextDouble(-1, 1);
        }
        double[][] c = new double[m][m];
        if (curvature == Curvature.LINEAR) {
            return new QuadraticForm(random.nextDouble(), b, c);
        }
        if (curvature == Curvature.INDEFINITE) {
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    c[i][j] = c[j][i] = random.nextDouble(-2, 2);
                }
            }
        }
        else {
            double sign = curvature == Curvature.CONCAVE ? -1 : 1;
            double[][] g = new double[m][m];
            for (double[] row : g) {
                for (int j = 0; j < m; j++) {
                    row[j] = random.nextDouble(-1, 1);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < m; k++) {
                        c[i][j] += sign * g[k][i] * g[k][j];
                    }
                }
                c[i][i] += sign * 0.05;
            }
        }
        return new QuadraticForm(random.nextDouble(), b, c);
    }

    private Bounds randomBounds(int m) {
        while (true) {
            double[] lo = new double[m];
            double[] hi = new double[m];
            for (int i = 0; i < m; i++) {
                lo[i] = random.nextDouble() < 0.5 ? 0 : random.nextDouble(0, 0.6 / m);
                hi[i] = random.nextDouble() < 0.3 ? 1 : random.nextDouble(Math.max(lo[i], 0.2), 0.8);
            }
            try {
                return Bounds.of(lo, hi);
            }
            catch (IllegalArgumentException infeasible) {
                // draw again
            }
        }
    }
}
