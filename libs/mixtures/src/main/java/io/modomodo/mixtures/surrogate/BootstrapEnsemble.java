package io.modomodo.mixtures.surrogate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A bootstrap ensemble of surrogate fits: each member is fitted, with the penalty the full fit chose,
 * on n runs drawn with replacement. The members' mean is the predictive mean (itself a quadratic
 * form) and their standard deviation at w is the predictive spread, which is large where the runs
 * say little.
 */
public final class BootstrapEnsemble {

    private final List<QuadraticForm> members;
    private final QuadraticForm mean;

    private BootstrapEnsemble(List<QuadraticForm> members) {
        this.members = List.copyOf(members);
        this.mean = QuadraticForm.mean(members);
    }

    /**
     * Fits {@code size} members.
     *
     * @param fit the full-data fit whose model and penalty the members reuse
     * @param seed seeds the resampling
     */
    public static BootstrapEnsemble fit(SurrogateFit fit, double[][] w, double[] y, int size, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two members, got " + size);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int n = w.length;
        int m = w[0].length;
        List<QuadraticForm> members = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            double[][] ws = new double[n][];
            double[] ys = new double[n];
            for (int r = 0; r < n; r++) {
                int pick = random.nextInt(n);
                ws[r] = w[pick];
                ys[r] = y[pick];
            }
            double[] beta = SurrogateFitter.fitWithPenalty(fit.model(), ws, ys, fit.cv().penalty());
            members.add(fit.model().toQuadraticForm(beta, m));
        }
        return new BootstrapEnsemble(members);
    }

    public int size() {
        return members.size();
    }

    /** The mean of the members, as one quadratic form. */
    public QuadraticForm meanForm() {
        return mean;
    }

    public double mean(double[] w) {
        return mean.value(w);
    }

    /**
     * Standard deviation of the members' predictions at w, computed relative to the largest deviation
     * so that predictions near the limits of a double do not overflow the squares.
     */
    public double spread(double[] w) {
        double mu = 0;
        double[] values = new double[members.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = members.get(i).value(w);
            mu += values[i] / values.length;
        }
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v - mu));
        }
        if (largest == 0 || !Double.isFinite(largest)) {
            return largest;
        }
        double ss = 0;
        for (double v : values) {
            double d = (v - mu) / largest;
            ss += d * d;
        }
        return largest * Math.sqrt(ss / (values.length - 1));
    }
}
