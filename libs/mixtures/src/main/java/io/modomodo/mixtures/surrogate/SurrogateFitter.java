package io.modomodo.mixtures.surrogate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.modomodo.mixtures.linalg.DenseSolver;

/**
 * Fits Scheffé surrogates by ridge least squares. The outcome is centred before the fit and its mean
 * added back to every linear coefficient (exact, since Σ w_i = 1), so the penalty shrinks towards the
 * constant prediction rather than towards zero. The penalty λ is relative to the mean diagonal of the
 * Gram matrix and picked from {@link #PENALTIES} by the smallest k-fold held-out squared error.
 */
public final class SurrogateFitter {

    /** Candidate relative penalties; the smallest keeps rank-deficient designs solvable. */
    public static final double[] PENALTIES = {1e-10, 1e-8, 1e-6, 1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1};

    private final long seed;

    /** @param seed seeds the assignment of runs to folds, so a fit is reproducible */
    public SurrogateFitter(long seed) {
        this.seed = seed;
    }

    /**
     * Fits {@code model} to runs {@code (w[r], y[r])} with penalty chosen by {@code folds}-fold CV.
     *
     * @param folds requested folds; clamped to [2, n]
     * @throws IllegalArgumentException when there are fewer runs than parameters, the mixtures do not
     *         all have the same length, or an outcome is not finite
     */
    public SurrogateFit fit(SurrogateModel model, double[][] w, double[] y, int folds) {
        check(model, w, y);
        // Ridge is linear in y and the penalty choice is invariant to its scale, so fit y / max|y|:
        // outcomes near 1e300 (or 1e-300) would otherwise overflow (underflow) the squared errors.
        double scale = outcomeScale(y);
        SurrogateFit unit = fitUnitScale(model, w, divide(y, scale), folds);
        double[] beta = unit.coefficients().clone();
        for (int i = 0; i < beta.length; i++) {
            beta[i] *= scale;
        }
        CrossValidation cv = unit.cv();
        double[] heldOut = cv.heldOut().clone();
        for (int i = 0; i < heldOut.length; i++) {
            heldOut[i] *= scale;
        }
        return new SurrogateFit(model, unit.n(), beta, model.toQuadraticForm(beta, w[0].length),
                new CrossValidation(cv.r2(), cv.rmse() * scale, cv.spearman(), cv.folds(), cv.penalty(), heldOut));
    }

    /** max |y|, or 1 when every outcome is 0. */
    static double outcomeScale(double[] y) {
        double scale = 0;
        for (double v : y) {
            scale = Math.max(scale, Math.abs(v));
        }
        return scale > 0 ? scale : 1;
    }

    private static double[] divide(double[] y, double scale) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] / scale;
        }
        return out;
    }

    private SurrogateFit fitUnitScale(SurrogateModel model, double[][] w, double[] y, int folds) {
        int n = y.length;
        int m = w[0].length;
        int p = model.parameterCount(m);
        double[][] x = design(model, w);
        int k = Math.max(2, Math.min(folds, n));
        int[] fold = assignFolds(n, k);

        // Sufficient statistics of all runs; a fold's training set is "all minus the fold", so only
        // the fold's own statistics are built per fold (memory stays a few p×p matrices).
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        double[] xt1 = new double[p];
        double sumY = 0;
        for (int r = 0; r < n; r++) {
            update(gram, xty, xt1, x[r], y[r], 1);
            sumY += y[r];
        }

        double[][] heldOut = new double[PENALTIES.length][n];
        boolean[] solvable = new boolean[PENALTIES.length];
        Arrays.fill(solvable, true);
        for (int f = 0; f < k; f++) {
            double[][] trainGram = new double[p][];
            for (int i = 0; i < p; i++) {
                trainGram[i] = gram[i].clone();
            }
            double[] trainXty = xty.clone();
            double[] trainXt1 = xt1.clone();
            double trainSumY = sumY;
            int trainCount = n;
            for (int r = 0; r < n; r++) {
                if (fold[r] == f) {
                    update(trainGram, trainXty, trainXt1, x[r], y[r], -1);
                    trainSumY -= y[r];
                    trainCount--;
                }
            }
            for (int l = 0; l < PENALTIES.length; l++) {
                if (!solvable[l]) {
                    continue;
                }
                double[] beta = solve(trainGram, trainXty, trainXt1, trainSumY, trainCount, PENALTIES[l], m);
                if (beta == null) {
                    solvable[l] = false;
                    continue;
                }
                for (int r = 0; r < n; r++) {
                    if (fold[r] == f) {
                        heldOut[l][r] = dot(beta, x[r]);
                    }
                }
            }
        }

        double bestSse = Double.POSITIVE_INFINITY;
        double bestPenalty = PENALTIES[0];
        double[] bestHeldOut = null;
        for (int l = 0; l < PENALTIES.length; l++) {
            if (!solvable[l]) {
                continue;
            }
            double sse = 0;
            for (int r = 0; r < n; r++) {
                sse += (heldOut[l][r] - y[r]) * (heldOut[l][r] - y[r]);
            }
            if (sse < bestSse) {
                bestSse = sse;
                bestPenalty = PENALTIES[l];
                bestHeldOut = heldOut[l];
            }
        }
        if (bestHeldOut == null) {
            throw new IllegalStateException("no ridge penalty gave a solvable system");
        }
        double[] beta = solve(gram, xty, xt1, sumY, n, bestPenalty, m);
        CrossValidation cv = new CrossValidation(r2(bestHeldOut, y), Math.sqrt(bestSse / n),
                spearman(bestHeldOut, y), k, bestPenalty, bestHeldOut.clone());
        return new SurrogateFit(model, n, beta, model.toQuadraticForm(beta, m), cv);
    }

    /**
     * Fits with a given relative penalty and no cross validation (for bootstrap members).
     * {@code y.length} may be smaller than the parameter count: the penalty keeps it solvable.
     */
    public static double[] fitWithPenalty(SurrogateModel model, double[][] w, double[] y, double penalty) {
        double scale = outcomeScale(y);
        double[] beta = fitWithPenaltyUnitScale(model, w, divide(y, scale), penalty);
        for (int i = 0; i < beta.length; i++) {
            beta[i] *= scale;
        }
        return beta;
    }

    private static double[] fitWithPenaltyUnitScale(SurrogateModel model, double[][] w, double[] y, double penalty) {
        int m = w[0].length;
        int p = model.parameterCount(m);
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        double[] xt1 = new double[p];
        double sumY = 0;
        for (int r = 0; r < w.length; r++) {
            update(gram, xty, xt1, model.features(w[r]), y[r], 1);
            sumY += y[r];
        }
        double[] beta = solve(gram, xty, xt1, sumY, w.length, penalty, m);
        if (beta == null) {
            throw new IllegalStateException("ridge system not solvable with penalty " + penalty);
        }
        return beta;
    }

    private static int check(SurrogateModel model, double[][] w, double[] y) {
        int n = w.length;
        if (y.length != n || n == 0) {
            throw new IllegalArgumentException("need as many outcomes as mixtures, and at least one");
        }
        int m = w[0].length;
        for (int r = 0; r < n; r++) {
            if (w[r].length != m) {
                throw new IllegalArgumentException("mixture " + r + " has " + w[r].length + " weights, expected " + m);
            }
            if (!Double.isFinite(y[r])) {
                throw new IllegalArgumentException("outcome " + r + " is not finite");
            }
        }
        int p = model.parameterCount(m);
        if (n < p) {
            throw new IllegalArgumentException(model.apiName() + " model over " + m + " domains has " + p
                    + " parameters and needs at least " + p + " runs, got " + n);
        }
        return n;
    }

    private static double[][] design(SurrogateModel model, double[][] w) {
        double[][] x = new double[w.length][];
        for (int r = 0; r < w.length; r++) {
            x[r] = model.features(w[r]);
        }
        return x;
    }

    private int[] assignFolds(int n, int k) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % k;
        }
        return fold;
    }

    /** Adds (sign = 1) or removes (sign = −1) one run's row in the normal equations. */
    private static void update(double[][] gram, double[] xty, double[] xt1, double[] x, double y, double sign) {
        int p = x.length;
        for (int i = 0; i < p; i++) {
            double xi = sign * x[i];
            if (xi == 0) {
                continue;
            }
            double[] row = gram[i];
            for (int j = 0; j < p; j++) {
                row[j] += xi * x[j];
            }
            xty[i] += xi * y;
            xt1[i] += xi;
        }
    }

    /** Ridge on centred outcomes: (G + λ·s·I) β = Xᵀ(y − ȳ), then β_i += ȳ on the linear terms. */
    private static double[] solve(double[][] gram, double[] xty, double[] xt1, double sumY, int n, double penalty,
            int m) {
        int p = xty.length;
        double mean = sumY / n;
        double trace = 0;
        for (int i = 0; i < p; i++) {
            trace += gram[i][i];
        }
        double ridge = penalty * (trace > 0 ? trace / p : 1);
        double[][] a = new double[p][];
        double[] rhs = new double[p];
        for (int i = 0; i < p; i++) {
            a[i] = gram[i].clone();
            a[i][i] += ridge;
            rhs[i] = xty[i] - mean * xt1[i];
        }
        double[] beta = DenseSolver.solveSpd(a, rhs);
        if (beta == null) {
            return null;
        }
        for (int i = 0; i < m; i++) {
            beta[i] += mean;
        }
        return beta;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double r2(double[] predicted, double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < y.length; i++) {
            ssTot += (y[i] - mean) * (y[i] - mean);
            ssRes += (y[i] - predicted[i]) * (y[i] - predicted[i]);
        }
        return ssTot > 0 ? 1 - ssRes / ssTot : 0;
    }

    /** Spearman's ρ: Pearson correlation of ranks, ties given their mean rank. */
    public static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += ra[i];
            mb += rb[i];
        }
        ma /= a.length;
        mb /= a.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
    }

    private static double[] ranks(double[] v) {
        int n = v.length;
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((i, j) -> Double.compare(v[i], v[j]));
        double[] rank = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order.get(j + 1)] == v[order.get(i)]) {
                j++;
            }
            double mean = 0.5 * (i + j) + 1;
            for (int t = i; t <= j; t++) {
                rank[order.get(t)] = mean;
            }
            i = j + 1;
        }
        return rank;
    }
}
