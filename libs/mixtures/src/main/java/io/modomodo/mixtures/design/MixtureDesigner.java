package io.modomodo.mixtures.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.simplex.Vectors;

/**
 * Produces pilot mixtures for a study. Every mixture lies in the bounded simplex; the same inputs and
 * seed give the same mixtures; a mixture within {@link #DUPLICATE_DISTANCE} of one already run (or
 * already in the design) is skipped, so a design can be asked for again as the study grows.
 */
public final class MixtureDesigner {

    /** Two mixtures closer than this (Euclidean) are the same mixture. */
    public static final double DUPLICATE_DISTANCE = 1e-6;

    private static final int REJECTION_TRIES = 64;

    private final Bounds bounds;
    private final int m;

    public MixtureDesigner(Bounds bounds) {
        this.bounds = bounds;
        this.m = bounds.dimension();
    }

    /**
     * A design.
     *
     * @param strategy which design
     * @param count how many mixtures at most; {@code seeds} has at most 2m + 1 distinct mixtures and
     *        returns fewer when asked for more, the others return exactly {@code count} unless the
     *        bounds leave too few distinct mixtures
     * @param seed random seed (unused by {@code seeds})
     * @param alpha Dirichlet concentration scale, positive; used by {@code dirichlet}
     * @param existing mixtures already in the study, skipped and (for space-filling) kept away from
     */
    public List<double[]> design(DesignStrategy strategy, int count, long seed, double alpha, List<double[]> existing) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be positive and finite, got " + alpha);
        }
        return switch (strategy) {
            case SEEDS -> seeds(count, existing);
            case DIRICHLET -> dirichlet(count, seed, alpha, uniformPrior(), existing);
            case SPACE_FILLING -> spaceFilling(count, seed, existing);
        };
    }

    /** Uniform, then each one-hot, then each leave-one-out, each projected into the bounds. */
    public List<double[]> seeds(int count, List<double[]> existing) {
        List<double[]> raw = new ArrayList<>();
        raw.add(uniformPrior());
        for (int i = 0; i < m; i++) {
            double[] oneHot = new double[m];
            oneHot[i] = 1;
            raw.add(oneHot);
        }
        if (m > 2) {
            for (int i = 0; i < m; i++) {
                double[] leaveOut = new double[m];
                Arrays.fill(leaveOut, 1.0 / (m - 1));
                leaveOut[i] = 0;
                raw.add(leaveOut);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (double[] w : raw) {
            if (out.size() == count) {
                break;
            }
            double[] p = bounds.project(w);
            if (isNew(p, existing, out)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Samples of Dirichlet(α·m·prior) placed into the bounds: a sample d becomes
     * {@code lo + (1 − Σlo)·d}, which meets every lower bound; samples breaking an upper bound are
     * redrawn a few times, then projected.
     */
    public List<double[]> dirichlet(int count, long seed, double alpha, double[] prior, List<double[]> existing) {
        DirichletSampler sampler = new DirichletSampler(seed);
        double[] concentration = new double[m];
        double[] p = Vectors.normalise(prior);
        for (int i = 0; i < m; i++) {
            // Capped: α near Double.MAX_VALUE would overflow to an infinite shape; beyond 1e12 every
            // sample is the prior mean to within 1e-6 anyway.
            concentration[i] = Math.min(Math.max(alpha * m * p[i], 1e-3), 1e12);
        }
        List<double[]> out = new ArrayList<>();
        int attempts = 0;
        int maxAttempts = 100 * count + 1000;
        while (out.size() < count && attempts++ < maxAttempts) {
            double[] w = boundedSample(sampler, concentration);
            if (isNew(w, existing, out)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Greedy maximin over many bounded Dirichlet(1) candidates (plus the vertices of the bounded
     * simplex reached by projection): each pick maximises the distance to the nearest mixture already
     * run or picked. With nothing run yet the first pick is the candidate nearest the centre.
     */
    public List<double[]> spaceFilling(int count, long seed, List<double[]> existing) {
        DirichletSampler sampler = new DirichletSampler(seed);
        int candidates = Math.min(20_000, Math.max(2_000, 200 * count));
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        List<double[]> pool = new ArrayList<>(candidates + m);
        for (int i = 0; i < m; i++) {
            double[] oneHot = new double[m];
            oneHot[i] = 1;
            pool.add(bounds.project(oneHot));
        }
        for (int c = 0; c < candidates; c++) {
            pool.add(boundedSample(sampler, ones));
        }
        double[] nearest = new double[pool.size()];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (double[] e : existing) {
            for (int c = 0; c < pool.size(); c++) {
                nearest[c] = Math.min(nearest[c], Vectors.distance(pool.get(c), e));
            }
        }
        List<double[]> out = new ArrayList<>();
        if (existing.isEmpty()) {
            double[] centre = bounds.centre();
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < pool.size(); c++) {
                double d = Vectors.distance(pool.get(c), centre);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            pick(pool, nearest, best, out);
        }
        while (out.size() < count) {
            int best = -1;
            double bestDistance = DUPLICATE_DISTANCE;
            for (int c = 0; c < pool.size(); c++) {
                if (nearest[c] > bestDistance) {
                    bestDistance = nearest[c];
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            pick(pool, nearest, best, out);
        }
        return out;
    }

    private static void pick(List<double[]> pool, double[] nearest, int index, List<double[]> out) {
        double[] chosen = pool.get(index);
        out.add(chosen);
        for (int c = 0; c < pool.size(); c++) {
            nearest[c] = Math.min(nearest[c], Vectors.distance(pool.get(c), chosen));
        }
    }

    private double[] boundedSample(DirichletSampler sampler, double[] concentration) {
        double free = 1 - Vectors.sum(bounds.lower());
        double[] w = null;
        for (int t = 0; t < REJECTION_TRIES; t++) {
            double[] d = sampler.sample(concentration);
            w = new double[m];
            for (int i = 0; i < m; i++) {
                w[i] = bounds.lo(i) + free * d[i];
            }
            if (bounds.contains(w, 1e-12)) {
                return bounds.project(w);
            }
        }
        return bounds.project(w);
    }

    private double[] uniformPrior() {
        double[] u = new double[m];
        Arrays.fill(u, 1.0 / m);
        return u;
    }

    private static boolean isNew(double[] w, List<double[]> existing, List<double[]> chosen) {
        return Vectors.minDistance(w, existing) > DUPLICATE_DISTANCE
                && Vectors.minDistance(w, chosen) > DUPLICATE_DISTANCE;
    }
}
