package io.modomodo.mixtures.simplex;

import java.util.Arrays;

/**
 * Per-domain bounds {@code lo_i ≤ w_i ≤ hi_i} on the simplex {@code Σ w_i = 1}. Immutable; arrays
 * are copied in and out. Construction fails when the bounds are malformed or leave no mixture.
 */
public final class Bounds {

    /** Slack used when checking that a point satisfies the bounds. */
    public static final double TOLERANCE = 1e-9;

    private final double[] lo;
    private final double[] hi;

    private Bounds(double[] lo, double[] hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** No bounds beyond the simplex itself: {@code 0 ≤ w_i ≤ 1}. */
    public static Bounds unbounded(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("a mixture needs at least one domain, got " + m);
        }
        double[] hi = new double[m];
        Arrays.fill(hi, 1.0);
        return new Bounds(new double[m], hi);
    }

    /**
     * Bounds {@code lo ≤ w ≤ hi}.
     *
     * @throws IllegalArgumentException when a bound is not finite, outside [0, 1], {@code lo_i > hi_i},
     *         or {@code Σ lo > 1} or {@code Σ hi < 1} (no mixture satisfies them)
     */
    public static Bounds of(double[] lo, double[] hi) {
        if (lo.length != hi.length || lo.length < 1) {
            throw new IllegalArgumentException("lower and upper bounds must have the same positive length");
        }
        double sumLo = 0;
        double sumHi = 0;
        for (int i = 0; i < lo.length; i++) {
            if (!Double.isFinite(lo[i]) || !Double.isFinite(hi[i]) || lo[i] < 0 || hi[i] > 1 || lo[i] > hi[i]) {
                throw new IllegalArgumentException(
                        "bounds of domain " + i + " must satisfy 0 ≤ min ≤ max ≤ 1, got [" + lo[i] + ", " + hi[i] + "]");
            }
            sumLo += lo[i];
            sumHi += hi[i];
        }
        if (sumLo > 1 + TOLERANCE) {
            throw new IllegalArgumentException("the minimums sum to " + sumLo + " > 1: no mixture satisfies them");
        }
        if (sumHi < 1 - TOLERANCE) {
            throw new IllegalArgumentException("the maximums sum to " + sumHi + " < 1: no mixture satisfies them");
        }
        return new Bounds(lo.clone(), hi.clone());
    }

    public int dimension() {
        return lo.length;
    }

    public double lo(int i) {
        return lo[i];
    }

    public double hi(int i) {
        return hi[i];
    }

    public double[] lower() {
        return lo.clone();
    }

    public double[] upper() {
        return hi.clone();
    }

    /** True when {@code w} sums to 1 and lies within the bounds, both up to {@code tolerance}. */
    public boolean contains(double[] w, double tolerance) {
        if (w.length != lo.length) {
            return false;
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= lo[i] - tolerance && w[i] <= hi[i] + tolerance)) {
                return false;
            }
            sum += w[i];
        }
        return Math.abs(sum - 1) <= tolerance * Math.max(1, w.length);
    }

    /**
     * Euclidean projection of {@code v} onto the bounded simplex. The projection is
     * {@code clip(v_i − τ, lo_i, hi_i)} for the τ at which the clipped vector sums to 1. The sum is
     * monotone and piecewise linear in τ, so τ is found by bisection over its 2m kinks and then solved
     * exactly on the linear piece; the last rounding residue is spread over coordinates with room.
     */
    public double[] project(double[] v) {
        int m = lo.length;
        // The clipped sum is non-increasing and piecewise linear in τ, with kinks at v_i − hi_i and
        // v_i − lo_i. Bisect over the sorted kinks to find the linear piece where it crosses 1.
        double[] kinks = new double[2 * m];
        for (int i = 0; i < m; i++) {
            kinks[2 * i] = v[i] - hi[i];
            kinks[2 * i + 1] = v[i] - lo[i];
        }
        Arrays.sort(kinks);
        // At the smallest kink every coordinate sits at hi (sum ≥ 1), at the largest every one at lo (sum ≤ 1).
        int low = 0;
        int high = 2 * m - 1;
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (clippedSum(v, kinks[mid]) > 1) {
                low = mid;
            }
            else {
                high = mid;
            }
        }
        double tLow = kinks[low];
        double tHigh = kinks[high];
        double tau = 0.5 * (tLow + tHigh);
        // On this piece the sum is linear in τ over the free coordinates: solve for τ exactly, so
        // feasible points project onto themselves.
        double freeSum = 0;
        double clippedSum = 0;
        int free = 0;
        for (int i = 0; i < m; i++) {
            double x = v[i] - tau;
            if (x <= lo[i]) {
                clippedSum += lo[i];
            }
            else if (x >= hi[i]) {
                clippedSum += hi[i];
            }
            else {
                freeSum += v[i];
                free++;
            }
        }
        if (free > 0) {
            tau = (freeSum + clippedSum - 1) / free;
        }
        double[] w = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            w[i] = Math.min(hi[i], Math.max(lo[i], v[i] - tau));
            sum += w[i];
        }
        return repairSum(w, sum);
    }

    /** The centre of the feasible set used as a neutral default: the projection of the uniform mixture. */
    public double[] centre() {
        double[] u = new double[lo.length];
        Arrays.fill(u, 1.0 / lo.length);
        return project(u);
    }

    private double clippedSum(double[] v, double tau) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += Math.min(hi[i], Math.max(lo[i], v[i] - tau));
        }
        return s;
    }

    private double[] repairSum(double[] w, double sum) {
        double residue = 1 - sum;
        for (int pass = 0; pass < 3 && residue != 0; pass++) {
            for (int i = 0; i < w.length && residue != 0; i++) {
                double room = residue > 0 ? hi[i] - w[i] : lo[i] - w[i];
                double step = residue > 0 ? Math.min(residue, room) : Math.max(residue, room);
                w[i] += step;
                residue -= step;
            }
            residue = 1 - Vectors.sum(w);
        }
        return w;
    }

    @Override
    public String toString() {
        return "Bounds" + Arrays.toString(lo) + "–" + Arrays.toString(hi);
    }
}
