package io.modomodo.mixtures.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.modomodo.mixtures.design.DirichletSampler;
import io.modomodo.mixtures.linalg.DenseSolver;
import io.modomodo.mixtures.linalg.LuDecomposition;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.simplex.Vectors;
import io.modomodo.mixtures.surrogate.QuadraticForm;

/**
 * Maximises {@code f(w) = a + bᵀw + wᵀCw} over {@code {Σw = 1, lo ≤ w ≤ hi}}, concave or not.
 *
 * <p>Exact methods, tried in this order:
 * <ol>
 * <li>Linear f (C = 0): the linear programme is solved greedily, filling the domains with the
 * largest b up to their upper bounds.</li>
 * <li>f strictly concave on the simplex (C negative definite on {Σd = 0}, checked by Cholesky): any
 * KKT point is the global maximum. Projected gradient ascent finds the face, the face's KKT system
 * gives the exact point, and the KKT conditions checked on its gradient certify it.</li>
 * <li>Otherwise, face enumeration (m ≤ {@value #EXACT_MAX_DIMENSION} in {@link #maximise}): every
 * point of the polytope lies in the relative interior of exactly one face, given by which coordinates
 * sit at lo, at hi, or in between. The global maximiser is a stationary point of f on its face, so it
 * solves that face's KKT system {@code [2C_FF −1; 1ᵀ 0][w_F; μ] = [−b_F − 2C_FX w_X; 1 − Σw_X]}.
 * Enumerating all 3^m patterns (one factorisation per free set, 2^m of them, with branches cut as
 * soon as they cannot be feasible), solving each non-singular system and keeping the best feasible
 * solution finds it. A face whose system is singular either has no stationary point in its interior,
 * or a flat set of them that reaches a smaller face with the same value, so skipping it loses
 * nothing.</li>
 * </ol>
 * Non-concave f beyond {@value #EXACT_MAX_DIMENSION} domains: projected gradient ascent (step 1/L,
 * projection by bisection on the threshold) from the centre, every projected vertex and random
 * Dirichlet starts, each end point polished on its face; the best local maximum is returned, marked
 * not exact; one start is the best of a RegMix-style Dirichlet sample and the ascent never goes down,
 * so the answer is never worse than that sample or the projected vertices.
 *
 * <p>Every answer sums to 1 within 1e-12 and lies exactly within the bounds: rounding residues are put
 * back on the coordinates strictly inside their bounds. The KKT systems are bordered by the scale of C,
 * so coefficient scales from 1e-6 to 1e6 are handled alike.
 */
public final class SimplexOptimizer {

    /** Largest dimension {@link #maximise} solves by face enumeration (3^10 = 59,049 faces). */
    public static final int EXACT_MAX_DIMENSION = 10;

    private static final double FEASIBILITY = 1e-10;
    private static final double PIVOT = 1e-13;
    private static final double KKT_TOLERANCE = 1e-12;
    /** RegMix-style Dirichlet samples whose best serves as one more ascent start beyond the exact range. */
    private static final int SAMPLED_STARTS = 2_000;

    private SimplexOptimizer() {
    }

    /** The global maximiser when an exact method applies (see the class comment), else the best local one. */
    public static Optimum maximise(QuadraticForm f, Bounds bounds) {
        check(f, bounds);
        Optimum fast = exactFastPath(f, bounds);
        if (fast != null) {
            return fast;
        }
        return f.dimension() <= EXACT_MAX_DIMENSION ? enumerateFaces(f, bounds)
                : projectedGradient(f, bounds, Math.max(16, f.dimension()), 0L);
    }

    /** The global maximum, by the cheapest exact method; face enumeration costs 3^m, so m ≤ 16. */
    public static Optimum exact(QuadraticForm f, Bounds bounds) {
        check(f, bounds);
        Optimum fast = exactFastPath(f, bounds);
        return fast != null ? fast : enumerateFaces(f, bounds);
    }

    /** Global maximum by face enumeration alone, whatever the curvature. */
    public static Optimum enumerateFaces(QuadraticForm f, Bounds bounds) {
        check(f, bounds);
        int m = f.dimension();
        if (m > 16) {
            throw new IllegalArgumentException("face enumeration over " + m + " domains is 3^" + m + " systems");
        }
        FaceSearch search = new FaceSearch(f, bounds);
        search.run();
        if (search.best == null) {
            // Cannot happen for feasible bounds (the vertices alone are candidates); keep a safe answer.
            double[] centre = bounds.centre();
            return new Optimum(centre, f.value(centre), false);
        }
        return new Optimum(search.best, search.bestValue, true);
    }

    /** Projected gradient ascent from the centre, the projected vertices and {@code randomStarts} draws. */
    public static Optimum projectedGradient(QuadraticForm f, Bounds bounds, int randomStarts, long seed) {
        check(f, bounds);
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
        // Ascent never lowers f, so starting from the best of a RegMix-style sample guarantees an
        // answer at least as good as that sample, and as every projected vertex.
        double[] bestSample = null;
        double bestSampleValue = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < SAMPLED_STARTS; r++) {
            double[] x = bounds.project(sampler.sample(ones));
            double v = f.value(x);
            if (v > bestSampleValue) {
                bestSampleValue = v;
                bestSample = x;
            }
        }
        starts.add(bestSample);
        double lipschitz = lipschitz(f);
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        List<double[]> ends = new ArrayList<>();
        for (double[] start : starts) {
            double[] w = ascend(f, bounds, start, lipschitz, 3_000, true);
            // The face polish inside the ascent can land on a saddle below the start: never go down.
            if (f.value(start) > f.value(w)) {
                w = start;
            }
            // Restarts often end on the same point; polishing it again would change nothing.
            if (Vectors.minDistance(w, ends) < 1e-7) {
                continue;
            }
            ends.add(w);
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
        best = settle(bounds, best);
        return new Optimum(best, f.value(best), false);
    }

    /** w with its sum repaired to 1 (the residue put on coordinates with room), projected if that fails. */
    private static double[] settle(Bounds bounds, double[] w) {
        // Coordinates strictly inside their bounds take the residue first, so points on a face stay on it.
        int[] inside = new int[w.length];
        int k = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > bounds.lo(i) && w[i] < bounds.hi(i)) {
                inside[k++] = i;
            }
        }
        double[] repaired = repairSum(bounds, w.clone(), Arrays.copyOf(inside, k));
        return Math.abs(Vectors.sum(repaired) - 1) <= 1e-12 ? repaired : bounds.project(w);
    }

    /**
     * Clamps w into the bounds and moves the residue 1 − Σw onto the coordinates {@code first} (a face's
     * free ones), then onto any with room, so a vertex or face point stays where it is up to rounding.
     */
    static double[] repairSum(Bounds bounds, double[] w, int[] first) {
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.min(bounds.hi(i), Math.max(bounds.lo(i), w[i]));
        }
        for (int pass = 0; pass < 2; pass++) {
            double residue = 1 - Vectors.sum(w);
            for (int r = 0; r < first.length && residue != 0; r++) {
                residue = shift(bounds, w, first[r], residue);
            }
            for (int i = 0; i < w.length && residue != 0; i++) {
                residue = shift(bounds, w, i, residue);
            }
        }
        return w;
    }

    private static double shift(Bounds bounds, double[] w, int i, double residue) {
        double room = residue > 0 ? bounds.hi(i) - w[i] : bounds.lo(i) - w[i];
        double step = residue > 0 ? Math.min(residue, room) : Math.max(residue, room);
        w[i] += step;
        return residue - step;
    }

    private static void check(QuadraticForm f, Bounds bounds) {
        if (bounds.dimension() != f.dimension()) {
            throw new IllegalArgumentException("bounds have " + bounds.dimension() + " domains, f has "
                    + f.dimension());
        }
    }

    /** The linear and the strictly concave cases, or null when neither applies (or certification failed). */
    private static Optimum exactFastPath(QuadraticForm f, Bounds bounds) {
        if (isLinear(f)) {
            double[] w = settle(bounds, greedy(f, bounds));
            return new Optimum(w, f.value(w), true);
        }
        if (isStrictlyConcave(f)) {
            double lipschitz = lipschitz(f);
            double[] w = ascend(f, bounds, bounds.centre(), lipschitz, 20_000, true);
            if (isKktPoint(f, bounds, w, lipschitz)) {
                w = settle(bounds, w);
                return new Optimum(w, f.value(w), true);
            }
        }
        return null;
    }

    static boolean isLinear(QuadraticForm f) {
        int m = f.dimension();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (f.c(i, j) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** C is negative definite on the tangent space {Σd = 0}, in the basis e_i − e_m. */
    static boolean isStrictlyConcave(QuadraticForm f) {
        int m = f.dimension();
        if (m < 2) {
            return true;
        }
        int k = m - 1;
        double[][] negH = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                negH[i][j] = -(f.c(i, j) - f.c(i, k) - f.c(k, j) + f.c(k, k));
            }
        }
        double[] rhs = new double[k];
        Arrays.fill(rhs, 1.0);
        return DenseSolver.solveSpd(negH, rhs) != null;
    }

    /** Maximises bᵀw: start from lo and fill the domains with the largest b up to hi. */
    private static double[] greedy(QuadraticForm f, Bounds bounds) {
        int m = f.dimension();
        double[] w = bounds.lower();
        double rest = 1 - Vectors.sum(w);
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(f.b(j), f.b(i)));
        for (int i : order) {
            double add = Math.min(bounds.hi(i) - bounds.lo(i), rest);
            w[i] += add;
            rest -= add;
        }
        return w;
    }

    /**
     * w satisfies the KKT conditions of max f on the bounded simplex up to a relative tolerance: some
     * multiplier μ has g_i ≈ μ on the free coordinates, g_i ≤ μ at lower bounds and g_i ≥ μ at upper
     * bounds (g = ∇f(w)). The conditions are checked on the gradient itself, scaled by its largest
     * entry, not through a projected step of length 1/L: for a nearly linear f, L is tiny, the step is
     * huge and a tolerance on it certified points far from the optimum. For concave f the gap to the
     * optimum is then at most 4·tolerance·max|g|.
     */
    static boolean isKktPoint(QuadraticForm f, Bounds bounds, double[] w, double lipschitz) {
        double[] g = f.gradient(w);
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (!Double.isFinite(scale)) {
            return false;
        }
        double tolerance = KKT_TOLERANCE * scale;
        // μ must be ≥ every g at a lower bound or free, and ≤ every g at an upper bound or free.
        double atLeast = Double.NEGATIVE_INFINITY;
        double atMost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < w.length; i++) {
            boolean atLo = w[i] <= bounds.lo(i);
            boolean atHi = w[i] >= bounds.hi(i);
            if (atLo && atHi) {
                continue;
            }
            if (!atHi) {
                atLeast = Math.max(atLeast, g[i]);
            }
            if (!atLo) {
                atMost = Math.min(atMost, g[i]);
            }
        }
        return atLeast - atMost <= 2 * tolerance;
    }

    /**
     * Projected gradient ascent from {@code start} until the step stalls or {@code maxIterations}, with
     * Nesterov momentum that is dropped whenever it would lower f (so every step is an ascent). With
     * {@code certify}, every few steps the current face's KKT system is solved and its solution returned
     * as soon as it is a certified KKT point, which cuts off the slow tail of gradient ascent.
     */
    static double[] ascend(QuadraticForm f, Bounds bounds, double[] start, double lipschitz, int maxIterations,
            boolean certify) {
        double step = 1 / lipschitz;
        double[] w = start.clone();
        double[] previous = w;
        double value = f.value(w);
        int m = w.length;
        int momentumAge = 1;
        for (int it = 0; it < maxIterations; it++) {
            double beta = certify ? (momentumAge - 1.0) / (momentumAge + 2.0) : 0;
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                y[i] = w[i] + beta * (w[i] - previous[i]);
            }
            double[] next = gradientStep(f, bounds, beta == 0 ? w : bounds.project(y), step);
            double nextValue = f.value(next);
            if (nextValue < value && beta != 0) {
                next = gradientStep(f, bounds, w, step);
                nextValue = f.value(next);
                momentumAge = 1;
            }
            else {
                momentumAge++;
            }
            double move = 0;
            for (int i = 0; i < m; i++) {
                move = Math.max(move, Math.abs(next[i] - w[i]));
            }
            previous = w;
            w = next;
            value = nextValue;
            if (certify && (it % 8 == 7 || move < 1e-11)) {
                double[] polished = polish(f, bounds, w);
                if (polished != null && isKktPoint(f, bounds, polished, lipschitz)) {
                    return polished;
                }
            }
            if (move < 1e-15) {
                break;
            }
        }
        return w;
    }

    private static double[] gradientStep(QuadraticForm f, Bounds bounds, double[] w, double step) {
        double[] g = f.gradient(w);
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            v[i] = w[i] + step * g[i];
        }
        return bounds.project(v);
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
        return solveFace(f, bounds, state);
    }

    /**
     * The Lipschitz constant of ∇f = b + 2Cw: 2·|λ|max(C), by power iteration (C is symmetric), padded
     * by 1% since the iteration approaches it from below; capped by the row-sum bound, which always holds.
     */
    static double lipschitz(QuadraticForm f) {
        int m = f.dimension();
        double rowBound = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int j = 0; j < m; j++) {
                row += Math.abs(f.c(i, j));
            }
            rowBound = Math.max(rowBound, row);
        }
        if (rowBound == 0) {
            return Math.max(1, gradientBound(f));
        }
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = 1 + 0.01 * i;
        }
        double lambda = 0;
        for (int it = 0; it < 100; it++) {
            double[] next = new double[m];
            double norm = 0;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    next[i] += f.c(i, j) * v[j];
                }
                norm += next[i] * next[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                break;
            }
            double previous = lambda;
            lambda = norm / Math.sqrt(dot(v, v));
            for (int i = 0; i < m; i++) {
                v[i] = next[i] / norm;
            }
            if (Math.abs(lambda - previous) < 1e-6 * lambda) {
                break;
            }
        }
        double curvature = 2 * Math.min(rowBound, Math.max(lambda * 1.01, 1e-12 * rowBound));
        // A step of 1/L moves w by |∇f|/L; when C is tiny next to b that is astronomically far, and the
        // projection of such a point back onto the simplex keeps only |∇f|/L·1e-16 of precision, so
        // the ascent stalls near, not at, the optimum. Any L' ≥ L keeps every step an ascent; taking L' at
        // least the largest gradient entry on the simplex bounds each step's move by about 1.
        return Math.max(curvature, gradientBound(f));
    }

    /** max_i max over the simplex of |∂f/∂w_i| ≤ |b_i| + 2·max_j |C_ij|, since (Cw)_i averages row i. */
    private static double gradientBound(QuadraticForm f) {
        int m = f.dimension();
        double bound = 0;
        for (int i = 0; i < m; i++) {
            double row = 0;
            for (int j = 0; j < m; j++) {
                row = Math.max(row, Math.abs(f.c(i, j)));
            }
            bound = Math.max(bound, Math.abs(f.b(i)) + 2 * row);
        }
        return bound;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Face enumeration grouped by free set. The KKT matrix of a face depends only on which coordinates
     * are free, and its right-hand side is affine in the fixed coordinates' values, so per free set
     * the solution is precomputed as {@code x = s_0 + Σ_j w_j s_j} (one factorisation, one solve per
     * fixed coordinate). The fixed coordinates are then assigned lo or hi depth-first, and a branch is
     * cut as soon as the sum cannot reach 1, the free coordinates would be squeezed onto their bounds
     * (that point belongs to another face), or some free coordinate is bound to leave [lo, hi] whatever
     * the unassigned ones do. Leaves cost O(k): no solve.
     */
    private static final class FaceSearch {

        static final int FREE = 0;
        static final int AT_LO = 1;
        static final int AT_HI = 2;

        private final QuadraticForm f;
        private final Bounds bounds;
        private final int m;
        private double[] best;
        private double bestValue = Double.NEGATIVE_INFINITY;

        // State of the free set being enumerated.
        private int[] free;
        private int[] fixed;
        private double[] fixedMinSuffix;
        private double[] fixedMaxSuffix;
        /** direction[t][r]: change of free coordinate r per unit of fixed coordinate t. */
        private double[][] direction;
        /** reachLow[t][r], reachHigh[t][r]: least and most fixed coordinates t.. can add to free r. */
        private double[][] reachLow;
        private double[][] reachHigh;
        private double lower;
        private double upper;
        private final double[] w;

        FaceSearch(QuadraticForm f, Bounds bounds) {
            this.f = f;
            this.bounds = bounds;
            this.m = f.dimension();
            this.w = new double[m];
        }

        void run() {
            for (int mask = 0; mask < (1 << m); mask++) {
                int k = Integer.bitCount(mask);
                free = new int[k];
                fixed = new int[m - k];
                double freeLo = 0;
                double freeHi = 0;
                for (int i = 0, a = 0, b = 0; i < m; i++) {
                    if ((mask & (1 << i)) != 0) {
                        free[a++] = i;
                        freeLo += bounds.lo(i);
                        freeHi += bounds.hi(i);
                    }
                    else {
                        fixed[b++] = i;
                    }
                }
                // The fixed coordinates must sum into (1 − freeHi, 1 − freeLo): strictly, so that the
                // free ones are not all squeezed onto a bound; exactly 1 when nothing is free.
                if (k == 0) {
                    lower = 1 - FEASIBILITY;
                    upper = 1 + FEASIBILITY;
                }
                else {
                    lower = 1 - freeHi + FEASIBILITY;
                    upper = 1 - freeLo - FEASIBILITY;
                    if (lower > upper) {
                        continue;
                    }
                }
                int x = fixed.length;
                fixedMinSuffix = new double[x + 1];
                fixedMaxSuffix = new double[x + 1];
                for (int t = x - 1; t >= 0; t--) {
                    fixedMinSuffix[t] = fixedMinSuffix[t + 1] + bounds.lo(fixed[t]);
                    fixedMaxSuffix[t] = fixedMaxSuffix[t + 1] + bounds.hi(fixed[t]);
                }
                if (fixedMinSuffix[0] > upper || fixedMaxSuffix[0] < lower) {
                    continue;
                }
                double[] base = new double[k];
                if (k > 0 && !prepare(k, base)) {
                    continue;
                }
                assign(0, 0.0, base);
            }
        }

        /** Factorises the free set's KKT matrix and precomputes the affine solution; false if singular. */
        private boolean prepare(int k, double[] base) {
            double[][] kkt = new double[k + 1][k + 1];
            double border = borderScale(f, free, k);
            for (int r = 0; r < k; r++) {
                for (int c = 0; c < k; c++) {
                    kkt[r][c] = 2 * f.c(free[r], free[c]);
                }
                kkt[r][k] = -border;
                kkt[k][r] = border;
            }
            LuDecomposition lu = LuDecomposition.of(kkt, PIVOT);
            if (lu == null) {
                return false;
            }
            double[] rhs = new double[k + 1];
            for (int r = 0; r < k; r++) {
                rhs[r] = -f.b(free[r]);
            }
            rhs[k] = border;
            System.arraycopy(lu.solve(rhs), 0, base, 0, k);
            int x = fixed.length;
            direction = new double[x][];
            reachLow = new double[x + 1][k];
            reachHigh = new double[x + 1][k];
            for (int t = 0; t < x; t++) {
                int j = fixed[t];
                for (int r = 0; r < k; r++) {
                    rhs[r] = -2 * f.c(free[r], j);
                }
                rhs[k] = -border;
                direction[t] = lu.solve(rhs);
            }
            for (int t = x - 1; t >= 0; t--) {
                int j = fixed[t];
                for (int r = 0; r < k; r++) {
                    double atLo = bounds.lo(j) * direction[t][r];
                    double atHi = bounds.hi(j) * direction[t][r];
                    reachLow[t][r] = reachLow[t + 1][r] + Math.min(atLo, atHi);
                    reachHigh[t][r] = reachHigh[t + 1][r] + Math.max(atLo, atHi);
                }
            }
            return true;
        }

        /** @param partial the free coordinates' solution from the fixed coordinates assigned so far */
        private void assign(int t, double sum, double[] partial) {
            if (sum + fixedMinSuffix[t] > upper || sum + fixedMaxSuffix[t] < lower) {
                return;
            }
            int k = free.length;
            for (int r = 0; r < k; r++) {
                int i = free[r];
                if (partial[r] + reachLow[t][r] > bounds.hi(i) + FEASIBILITY
                        || partial[r] + reachHigh[t][r] < bounds.lo(i) - FEASIBILITY) {
                    return;
                }
            }
            if (t == fixed.length) {
                leaf(partial);
                return;
            }
            int j = fixed[t];
            branch(t, j, bounds.lo(j), sum, partial);
            if (bounds.hi(j) > bounds.lo(j)) {
                branch(t, j, bounds.hi(j), sum, partial);
            }
        }

        private void branch(int t, int j, double value, double sum, double[] partial) {
            w[j] = value;
            int k = free.length;
            double[] next = partial;
            if (k > 0 && value != 0) {
                next = new double[k];
                for (int r = 0; r < k; r++) {
                    next[r] = partial[r] + value * direction[t][r];
                }
            }
            assign(t + 1, sum + value, next);
        }

        private void leaf(double[] solution) {
            for (int r = 0; r < free.length; r++) {
                int i = free[r];
                w[i] = Math.min(bounds.hi(i), Math.max(bounds.lo(i), solution[r]));
            }
            // Clamping and rounding (large KKT solutions on nearly linear faces) can leave the sum a
            // little off 1; the projection repairs it, so every candidate compared is feasible.
            double[] candidate = repairSum(bounds, w.clone(), free);
            double value = f.value(candidate);
            if (value > bestValue) {
                bestValue = value;
                best = candidate.clone();
            }
        }
    }

    /**
     * The scale of the border of a face's KKT matrix {@code [2C_FF −s; s 0]}: the largest |2C_FF|, or 1
     * when that block is zero. With a unit border, a C of scale 10⁶ (or 10⁻⁶) makes the Schur
     * complement of the border 10¹² times smaller (larger) than the largest entry, and the relative
     * pivot test wrongly reports a regular face, even a vertex, as singular. Scaling the sum row and
     * the multiplier's column by s leaves the solution's w unchanged (μ is only rescaled).
     */
    private static double borderScale(QuadraticForm f, int[] free, int k) {
        double s = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                s = Math.max(s, Math.abs(2 * f.c(free[r], free[c])));
            }
        }
        return s > 0 && Double.isFinite(s) ? s : 1;
    }

    /** The stationary point of f on the face given by {@code state}, or null when none lies inside the bounds. */
    private static double[] solveFace(QuadraticForm f, Bounds bounds, int[] state) {
        int m = f.dimension();
        double[] w = new double[m];
        int[] free = new int[m];
        int k = 0;
        double fixedSum = 0;
        for (int i = 0; i < m; i++) {
            if (state[i] == FaceSearch.FREE) {
                free[k++] = i;
            }
            else {
                w[i] = state[i] == FaceSearch.AT_LO ? bounds.lo(i) : bounds.hi(i);
                fixedSum += w[i];
            }
        }
        double rest = 1 - fixedSum;
        if (k == 0) {
            return Math.abs(rest) <= FEASIBILITY ? w : null;
        }
        double[][] kkt = new double[k + 1][k + 1];
        double[] rhs = new double[k + 1];
        double border = borderScale(f, free, k);
        for (int r = 0; r < k; r++) {
            int i = free[r];
            for (int c = 0; c < k; c++) {
                kkt[r][c] = 2 * f.c(i, free[c]);
            }
            kkt[r][k] = -border;
            kkt[k][r] = border;
            double g = f.b(i);
            for (int j = 0; j < m; j++) {
                if (state[j] != FaceSearch.FREE) {
                    g += 2 * f.c(i, j) * w[j];
                }
            }
            rhs[r] = -g;
        }
        rhs[k] = border * rest;
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
        // With a tiny C block the sum row holds only to the solve's precision: put the residue back on
        // the free coordinates, where the face's constraint Σw = 1 belongs.
        return repairSum(bounds, w, Arrays.copyOf(free, k));
    }
}
