package io.modomodo.mixtures.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.modomodo.mixtures.design.DirichletSampler;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.simplex.Vectors;
import io.modomodo.mixtures.surrogate.BootstrapEnsemble;
import io.modomodo.mixtures.surrogate.QuadraticForm;

/**
 * Turns a fitted surrogate and its bootstrap ensemble into proposals.
 *
 * <ul>
 * <li>{@link #best}: the first proposal is the exact maximiser of the surrogate; further ones are the
 * best-predicted mixtures at least {@code minDistance} from the proposals before them.</li>
 * <li>{@link #explore}: each proposal maximises {@code mean + κ·spread} over mixtures at least
 * {@code minDistance} from every run and every earlier proposal, so that a study run as a sequential
 * design keeps learning where the runs say little. The acquisition is not quadratic; it is maximised
 * over many bounded candidates (random, vertices, the mean's maximiser) followed by a shrinking local
 * search. If the distance constraint excludes every candidate it is halved until one qualifies.</li>
 * </ul>
 * Deterministic for a seed.
 */
public final class MixtureProposer {

    private static final int CANDIDATES = 4_000;
    private static final int LOCAL_STEPS = 300;

    private final Bounds bounds;
    private final long seed;

    public MixtureProposer(Bounds bounds, long seed) {
        this.bounds = bounds;
        this.seed = seed;
    }

    /** Proposals that maximise the surrogate {@code f}, with the ensemble's spread reported. */
    public List<Proposal> best(QuadraticForm f, BootstrapEnsemble ensemble, int count, double minDistance) {
        Optimum optimum = SimplexOptimizer.maximise(f, bounds);
        List<Proposal> out = new ArrayList<>();
        out.add(new Proposal(optimum.weights(), optimum.value(), ensemble.spread(optimum.weights())));
        List<double[]> taken = new ArrayList<>();
        taken.add(optimum.weights());
        SplittableRandom random = new SplittableRandom(seed);
        Pool pool = new Pool(candidates(optimum.weights(), random), taken);
        while (out.size() < count) {
            double[] w = constrainedMax(f::value, pool, taken, minDistance, random);
            taken.add(w);
            pool.taken(w);
            out.add(new Proposal(w, f.value(w), ensemble.spread(w)));
        }
        return out;
    }

    /** Proposals that maximise {@code mean + κ·spread} away from {@code runs}. */
    public List<Proposal> explore(BootstrapEnsemble ensemble, List<double[]> runs, int count, double kappa,
            double minDistance) {
        if (!(kappa >= 0) || !Double.isFinite(kappa)) {
            throw new IllegalArgumentException("kappa must be non-negative and finite, got " + kappa);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<double[]> taken = new ArrayList<>(runs);
        Pool pool = new Pool(candidates(SimplexOptimizer.maximise(ensemble.meanForm(), bounds).weights(), random),
                taken);
        List<Proposal> out = new ArrayList<>();
        while (out.size() < count) {
            double[] w = constrainedMax(x -> ensemble.mean(x) + kappa * ensemble.spread(x), pool, taken, minDistance,
                    random);
            taken.add(w);
            pool.taken(w);
            out.add(new Proposal(w, ensemble.mean(w), ensemble.spread(w)));
        }
        return out;
    }

    private List<double[]> candidates(double[] maximiser, SplittableRandom random) {
        int m = bounds.dimension();
        List<double[]> pool = new ArrayList<>(CANDIDATES + m + 2);
        pool.add(maximiser);
        pool.add(bounds.centre());
        for (int i = 0; i < m; i++) {
            double[] vertex = new double[m];
            vertex[i] = 1;
            pool.add(bounds.project(vertex));
        }
        DirichletSampler sampler = new DirichletSampler(random.nextLong());
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        double free = 1 - Vectors.sum(bounds.lower());
        for (int c = 0; c < CANDIDATES; c++) {
            double[] d = sampler.sample(ones);
            double[] w = new double[m];
            for (int i = 0; i < m; i++) {
                w[i] = bounds.lo(i) + free * d[i];
            }
            pool.add(bounds.project(w));
        }
        return pool;
    }

    private double[] constrainedMax(Objective objective, Pool pool, List<double[]> taken, double minDistance,
            SplittableRandom random) {
        double distance = minDistance;
        double[] values = new double[pool.points.size()];
        Arrays.fill(values, Double.NaN);
        while (true) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < values.length; c++) {
                if (pool.nearest[c] >= distance) {
                    if (Double.isNaN(values[c])) {
                        values[c] = objective.value(pool.points.get(c));
                    }
                    if (values[c] > bestValue) {
                        bestValue = values[c];
                        best = c;
                    }
                }
            }
            if (best >= 0) {
                return refine(objective, pool.points.get(best), bestValue, taken, distance, random);
            }
            if (distance < 1e-9) {
                // Every candidate coincides with something taken: repeat the best one rather than fail.
                return pool.points.get(0).clone();
            }
            distance /= 2;
        }
    }

    /** Candidates with their distance to the nearest taken mixture, updated as mixtures are taken. */
    private static final class Pool {

        final List<double[]> points;
        final double[] nearest;

        Pool(List<double[]> points, List<double[]> taken) {
            this.points = points;
            this.nearest = new double[points.size()];
            for (int c = 0; c < nearest.length; c++) {
                nearest[c] = Vectors.minDistance(points.get(c), taken);
            }
        }

        void taken(double[] w) {
            for (int c = 0; c < nearest.length; c++) {
                nearest[c] = Math.min(nearest[c], Vectors.distance(points.get(c), w));
            }
        }
    }

    private double[] refine(Objective objective, double[] start, double startValue, List<double[]> taken,
            double distance, SplittableRandom random) {
        int m = start.length;
        double[] w = start.clone();
        double value = startValue;
        double radius = 0.1;
        for (int step = 0; step < LOCAL_STEPS && radius > 1e-7; step++) {
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = w[i] + radius * random.nextGaussian() / Math.sqrt(m);
            }
            double[] candidate = bounds.project(v);
            double candidateValue = objective.value(candidate);
            if (candidateValue > value && Vectors.minDistance(candidate, taken) >= distance) {
                w = candidate;
                value = candidateValue;
            }
            else {
                radius *= 0.95;
            }
        }
        return w;
    }

    @FunctionalInterface
    private interface Objective {
        double value(double[] w);
    }
}
