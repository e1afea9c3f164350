package io.modomodo.mixtures.simplex;

/** Small vector helpers shared by designs, surrogates and optimisers. */
public final class Vectors {

    private Vectors() {
    }

    public static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Smallest distance from {@code w} to any of {@code others}; +∞ when there are none. */
    public static double minDistance(double[] w, Iterable<double[]> others) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] o : others) {
            best = Math.min(best, distance(w, o));
        }
        return best;
    }

    /** {@code w / Σw}; the caller guarantees a positive sum. */
    public static double[] normalise(double[] w) {
        double s = sum(w);
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / s;
        }
        return out;
    }
}
