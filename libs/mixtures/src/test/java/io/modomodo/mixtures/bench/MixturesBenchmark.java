package io.modomodo.mixtures.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import io.modomodo.mixtures.design.DesignStrategy;
import io.modomodo.mixtures.design.DirichletSampler;
import io.modomodo.mixtures.design.MixtureDesigner;
import io.modomodo.mixtures.optimize.Optimum;
import io.modomodo.mixtures.optimize.SimplexOptimizer;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.surrogate.BootstrapEnsemble;
import io.modomodo.mixtures.surrogate.QuadraticForm;
import io.modomodo.mixtures.surrogate.SurrogateFit;
import io.modomodo.mixtures.surrogate.SurrogateFitter;
import io.modomodo.mixtures.surrogate.SurrogateModel;

/**
 * Fit + optimise time for m = 5, 10, 20 domains and n = 50, 200, 1000 runs, and the optimiser against
 * RegMix-style search (100,000 Dirichlet samples, mean of the top 128) on the same fitted surrogate.
 * Prints Markdown tables; medians of a few repetitions after a warm-up.
 *
 * <pre>
 * ./mvnw -q -pl libs/mixtures test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.modomodo.mixtures.bench.MixturesBenchmark
 * </pre>
 */
public final class MixturesBenchmark {

    private static final int[] DOMAINS = {5, 10, 20};
    private static final int[] RUNS = {50, 200, 1000};
    private static final int REGMIX_SAMPLES = 100_000;
    private static final int REGMIX_TOP = 128;

    private MixturesBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf(Locale.ROOT, "java %s, %d processors, %d repeats (median)%n%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), repeats);
        fitAndOptimise(repeats);
        System.out.println();
        againstRegMix(repeats);
    }

    private static void fitAndOptimise(int repeats) {
        System.out.println("| m | n | model | fit (5-fold CV, 12 penalties) ms | optimise ms | method | bootstrap ×20 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int m : DOMAINS) {
            for (int n : RUNS) {
                Problem problem = Problem.of(m, n, 1);
                for (SurrogateModel model : SurrogateModel.values()) {
                    if (n < model.parameterCount(m)) {
                        System.out.printf(Locale.ROOT, "| %d | %d | %s | n/a: needs ≥ %d runs | | | |%n", m, n,
                                model.apiName(), model.parameterCount(m));
                        continue;
                    }
                    SurrogateFit[] fit = new SurrogateFit[1];
                    double fitMs = median(repeats, () -> {
                        fit[0] = new SurrogateFitter(0).fit(model, problem.w, problem.y, 5);
                        return null;
                    });
                    Optimum[] optimum = new Optimum[1];
                    double optimiseMs = median(repeats, () -> {
                        optimum[0] = SimplexOptimizer.maximise(fit[0].form(), problem.bounds);
                        return null;
                    });
                    double bootstrapMs = median(Math.min(repeats, 3), () ->
                            BootstrapEnsemble.fit(fit[0], problem.w, problem.y, 20, 0));
                    System.out.printf(Locale.ROOT, "| %d | %d | %s | %.1f | %.2f | %s | %.1f |%n", m, n,
                            model.apiName(), fitMs, optimiseMs, optimum[0].exact() ? "exact" : "multi-start PG (local)",
                            bootstrapMs);
                }
            }
        }
    }

    private static void againstRegMix(int repeats) {
        System.out.println("| m | bounds | optimiser value | optimiser ms | RegMix value (mean of top 128) | "
                + "best single sample | RegMix ms | speed-up |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int m : DOMAINS) {
            for (boolean bounded : new boolean[] {false, true}) {
                Problem problem = Problem.of(m, 1000, 2);
                Bounds bounds = bounded ? tightBounds(m) : problem.bounds;
                QuadraticForm f = new SurrogateFitter(0).fit(SurrogateModel.QUADRATIC, problem.w, problem.y, 5).form();
                Optimum[] optimum = new Optimum[1];
                double optimiseMs = median(repeats, () -> {
                    optimum[0] = SimplexOptimizer.maximise(f, bounds);
                    return null;
                });
                double[][] regmix = new double[2][];
                double regmixMs = median(repeats, () -> {
                    regmix[0] = regMix(f, bounds, 7, regmix);
                    return null;
                });
                System.out.printf(Locale.ROOT, "| %d | %s | %.6f | %.2f | %.6f | %.6f | %.1f | %.0f× |%n", m,
                        bounded ? "lo=0.02, hi=0.3" : "none", optimum[0].value(), optimiseMs, f.value(regmix[0]),
                        f.value(regmix[1]), regmixMs, regmixMs / optimiseMs);
            }
        }
    }

    /** RegMix's answer: the mean of the 128 best of 100,000 Dirichlet(1) samples placed into the bounds. */
    private static double[] regMix(QuadraticForm f, Bounds bounds, long seed, double[][] out) {
        int m = f.dimension();
        DirichletSampler sampler = new DirichletSampler(seed);
        double[] ones = new double[m];
        Arrays.fill(ones, 1.0);
        double[] lo = bounds.lower();
        double free = 1 - Arrays.stream(lo).sum();
        List<double[]> samples = new ArrayList<>(REGMIX_SAMPLES);
        double[] values = new double[REGMIX_SAMPLES];
        for (int s = 0; s < REGMIX_SAMPLES; s++) {
            double[] d = sampler.sample(ones);
            for (int i = 0; i < m; i++) {
                d[i] = lo[i] + free * d[i];
            }
            double[] w = bounds.contains(d, 1e-12) ? d : bounds.project(d);
            samples.add(w);
            values[s] = f.value(w);
        }
        Integer[] order = new Integer[REGMIX_SAMPLES];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        double[] mean = new double[m];
        for (int t = 0; t < REGMIX_TOP; t++) {
            double[] w = samples.get(order[t]);
            for (int i = 0; i < m; i++) {
                mean[i] += w[i] / REGMIX_TOP;
            }
        }
        out[1] = samples.get(order[0]);
        return mean;
    }

    private static Bounds tightBounds(int m) {
        double[] lo = new double[m];
        double[] hi = new double[m];
        Arrays.fill(lo, 0.02);
        Arrays.fill(hi, 0.3);
        return Bounds.of(lo, hi);
    }

    private static double median(int repeats, Supplier<Object> task) {
        task.get();
        task.get();
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            task.get();
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }

    /** n noisy runs of a random concave quadratic over m domains, from a Dirichlet(1) design. */
    private record Problem(double[][] w, double[] y, Bounds bounds) {

        static Problem of(int m, int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Bounds bounds = Bounds.unbounded(m);
            double[][] w = new MixtureDesigner(bounds).design(DesignStrategy.DIRICHLET, n, seed, 1, List.of())
                    .toArray(double[][]::new);
            double[][] c = new double[m][m];
            double[][] g = new double[m][m];
            for (double[] row : g) {
                for (int j = 0; j < m; j++) {
                    row[j] = random.nextDouble(-1, 1);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < m; k++) {
                        c[i][j] -= g[k][i] * g[k][j] / m;
                    }
                }
            }
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                b[i] = random.nextDouble(0, 1);
            }
            QuadraticForm truth = new QuadraticForm(0, b, c);
            double[] y = new double[n];
            for (int r = 0; r < n; r++) {
                y[r] = truth.value(w[r]) + 0.01 * random.nextGaussian();
            }
            return new Problem(w, y, bounds);
        }
    }
}
