package io.modomodo.mixtures.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.modomodo.mixtures.design.DirichletSampler;
import io.modomodo.mixtures.linalg.DenseSolver;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.surrogate.QuadraticForm;

/**
 * Maximises {@code f(w) = a + bᵀw + wᵀCw} over {@code {Σw = 1, lo ≤ w ≤ hi}}, concave or not.
 *
 * <p>Exact method (m ≤ {@value #EXACT_MAX_DIMENSION}): every point of the polytope lies in the
 * relative interior of exactly one face, given by which coordinates sit at lo, at hi, or in between.
 * The global maximiser is a stationary point of f restricted to its face, so it solves that face's
 * KKT system {@code [2C_FF −1; 1ᵀ 0][w_F; μ] = [−b_F − 2C_FX w_X; 1 − Σw_X]}. Enumerating all 3^m
 * patterns, solving each non-singular system and keeping the best feasible solution finds it. A face
 * whose system is singular either has no stationary point in its interior, or a flat set of them that
 * reaches a smaller face with the same value, so skipping it loses nothing.
 *
 * <p>Beyond that: projected gradient ascent (step 1/L, projection by bisection on the threshold) from
 * the centre, every projected vertex and random Dirichlet starts; each end point is polished by
 * solving the KKT system of the face it landed on.
 */
public final class SimplexOptimizer {

    /** Largest dimension solved by face enumeration (3^10 = 59,049 faces). */
    public static final int EXACT_MAX_DIMENSION = 10;

    private static final double FEASIBILITY = 1e-10;
    private static final double PIVOT = 1e-13;

    private SimplexOptimizer() {
    }

    /** The exact maximiser for m ≤ {@value #EXACT_MAX_DIMENSION}, projected gradient beyond. */
    public static Optimum maximise(QuadraticForm f, Bounds bounds) {
        return f.dimension() <= EXACT_MAX_DIMENSION ? exact(f, bounds)
                : projectedGradient(f, bounds, Math.max(32, 4 * f.dimension()), 0L);
    }

    /** Global maximum by face enumeration; cost grows as 3^m, so meant for small m. */
    public static Optimum exact(QuadraticForm f, Bounds bounds) {
        int m = f.dimension();
        if (bounds.dimension() != m) {
            throw new IllegalArgumentException("bounds have " + bounds.dimension() + " domains, f has " + m);
        }
        if (m > 16) {
            throw new IllegalArgumentException("face enumeration over " + m + " domains is 3^" + m + " systems");
        }
        FaceSearch search = new FaceSearch(f, bounds);
        search.visit(0, new int[m], 0.0);
        if (search.best == null) {
            // Cannot happen for feasible bounds (the vertices alone are candidates); keep a safe answer.
            double[] centre = bounds.centre();
            return new Optimum(centre, f.value(centre), false);
        }
        return new Optimum(search.best, search.bestValue, true);
    }

    /** Projected gradient ascent from the centre, the projected vertices and {@code randomStarts} draws. */
    public static Optimum projectedGradient(QuadraticForm f, Bounds bounds, int randomStarts, long seed) {
        int m = f.dimension();
        List<double[]> starts = new ArrayList<>();
        starts.add(bounds.centre());
        for (int i = 0; i < m; i++) {
            double[] vertex = new double[m];
            vertex[i] = 1;
            starts.add(bounds.project(vertex));
        }
        DirichletSampler sampler = new DirichletSampler(seed);
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        for (int r = 0; r < randomStarts; r++) {
            starts.add(bounds.project(sampler.sample(ones)));
        }
        double lipschitz = lipschitz(f);
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double[] start : starts) {
            double[] w = ascend(f, bounds, start, lipschitz, 5_000);
            double[] polished = polish(f, bounds, w);
            if (polished != null && f.value(polished) >= f.value(w)) {
                w = polished;
            }
            double v = f.value(w);
            if (v > bestValue) {
                bestValue = v;
                best = w;
            }
        }
        return new Optimum(best, bestValue, false);
    }

    /** Projected gradient ascent from {@code start} until the step stalls or {@code maxIterations}. */
    static double[] ascend(QuadraticForm f, Bounds bounds, double[] start, double lipschitz, int maxIterations) {
        double step = 1 / lipschitz;
        double[] w = start.clone();
        int m = w.length;
        for (int it = 0; it < maxIterations; it++) {
            double[] g = f.gradient(w);
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = w[i] + step * g[i];
            }
            double[] next = bounds.project(v);
            double move = 0;
            for (int i = 0; i < m; i++) {
                move = Math.max(move, Math.abs(next[i] - w[i]));
            }
            w = next;
            if (move < 1e-13) {
                break;
            }
        }
        return w;
    }

    /** Solves the KKT system of the face w lies on; null when singular or the solution leaves the bounds. */
    static double[] polish(QuadraticForm f, Bounds bounds, double[] w) {
        int m = w.length;
        int[] state = new int[m];
        for (int i = 0; i < m; i++) {
            if (w[i] <= bounds.lo(i) + 1e-9) {
                state[i] = FaceSearch.AT_LO;
            }
            else if (w[i] >= bounds.hi(i) - 1e-9) {
                state[i] = FaceSearch.AT_HI;
            }
            else {
                state[i] = FaceSearch.FREE;
            }
        }
        return new FaceSearch(f, bounds).solveFace(state);
    }

    /** A bound on the Lipschitz constant of ∇f = b + 2Cw: twice the largest absolute row sum of C. */
    static double lipschitz(QuadraticForm f) {
        double norm = 0;
        int m = f.dimension();
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int j = 0; j < m; j++) {
                row += Math.abs(f.c(i, j));
            }
            norm = Math.max(norm, row);
        }
        return norm == 0 ? 1 : 2 * norm;
    }

    /** Depth-first enumeration of faces, pruning patterns whose fixed coordinates already overflow. */
    private static final class FaceSearch {

        static final int FREE = 0;
        static final int AT_LO = 1;
        static final int AT_HI = 2;

        private final QuadraticForm f;
        private final Bounds bounds;
        private final int m;
        private final double[] suffixLo;
        private double[] best;
        private double bestValue = Double.NEGATIVE_INFINITY;

        FaceSearch(QuadraticForm f, Bounds bounds) {
            this.f = f;
            this.bounds = bounds;
            this.m = f.dimension();
            this.suffixLo = new double[m + 1];
            for (int i = m - 1; i >= 0; i--) {
                suffixLo[i] = suffixLo[i + 1] + bounds.lo(i);
            }
        }

        void visit(int i, int[] state, double fixedSum) {
            // Every later coordinate is at least its lower bound, so this prefix can never sum to 1.
            if (fixedSum + suffixLo[i] > 1 + FEASIBILITY) {
                return;
            }
            if (i == m) {
                double[] w = solveFace(state);
                if (w != null) {
                    double v = f.value(w);
                    if (v > bestValue) {
                        bestValue = v;
                        best = w;
                    }
                }
                return;
            }
            state[i] = FREE;
            visit(i + 1, state, fixedSum);
            state[i] = AT_LO;
            visit(i + 1, state, fixedSum + bounds.lo(i));
            if (bounds.hi(i) > bounds.lo(i)) {
                state[i] = AT_HI;
                visit(i + 1, state, fixedSum + bounds.hi(i));
            }
        }

        /** The stationary point of f on the face, or null when there is none inside the bounds. */
        double[] solveFace(int[] state) {
            double[] w = new double[m];
            int[] free = new int[m];
            int k = 0;
            double fixedSum = 0;
            double freeLo = 0;
            double freeHi = 0;
            for (int i = 0; i < m; i++) {
                if (state[i] == FREE) {
                    free[k++] = i;
                    freeLo += bounds.lo(i);
                    freeHi += bounds.hi(i);
                }
                else {
                    w[i] = state[i] == AT_LO ? bounds.lo(i) : bounds.hi(i);
                    fixedSum += w[i];
                }
            }
            double rest = 1 - fixedSum;
            if (k == 0) {
                return Math.abs(rest) <= FEASIBILITY ? w : null;
            }
            if (rest < freeLo - FEASIBILITY || rest > freeHi + FEASIBILITY) {
                return null;
            }
            double[][] kkt = new double[k + 1][k + 1];
            double[] rhs = new double[k + 1];
            for (int r = 0; r < k; r++) {
                int i = free[r];
                for (int s = 0; s < k; s++) {
                    kkt[r][s] = 2 * f.c(i, free[s]);
                }
                kkt[r][k] = -1;
                kkt[k][r] = 1;
                double g = f.b(i);
                for (int j = 0; j < m; j++) {
                    if (state[j] != FREE) {
                        g += 2 * f.c(i, j) * w[j];
                    }
                }
                rhs[r] = -g;
            }
            rhs[k] = rest;
            double[] solution = DenseSolver.solveLu(kkt, rhs, PIVOT);
            if (solution == null) {
                return null;
            }
            for (int r = 0; r < k; r++) {
                int i = free[r];
                double v = solution[r];
                if (!(v >= bounds.lo(i) - FEASIBILITY && v <= bounds.hi(i) + FEASIBILITY)) {
                    return null;
                }
                w[i] = Math.min(bounds.hi(i), Math.max(bounds.lo(i), v));
            }
            return w;
        }
    }
}
