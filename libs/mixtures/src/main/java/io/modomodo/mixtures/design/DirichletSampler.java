package io.modomodo.mixtures.design;

import java.util.SplittableRandom;

/**
 * Draws Dirichlet vectors from normalised Gamma variates (Marsaglia–Tsang, with the
 * {@code U^{1/α}} boost for shapes below one). Deterministic for a seed; not thread-safe.
 */
public final class DirichletSampler {

    private final SplittableRandom random;

    public DirichletSampler(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One Dirichlet(concentration) sample; every concentration must be positive and finite. */
    public double[] sample(double[] concentration) {
        double[] g = new double[concentration.length];
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            g[i] = gamma(concentration[i]);
            sum += g[i];
        }
        if (!(sum > 0)) {
            // Every variate underflowed (tiny shapes): the limit is a vertex chosen by the shapes.
            int pick = categorical(concentration);
            g = new double[g.length];
            g[pick] = 1;
            return g;
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return g;
    }

    /** One Gamma(shape, 1) variate. */
    public double gamma(double shape) {
        if (!(shape > 0) || !Double.isFinite(shape)) {
            throw new IllegalArgumentException("Gamma shape must be positive and finite, got " + shape);
        }
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A uniform double in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    private int categorical(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
