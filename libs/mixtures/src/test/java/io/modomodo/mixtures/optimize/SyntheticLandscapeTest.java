package io.modomodo.mixtures.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.modomodo.mixtures.design.DesignStrategy;
import io.modomodo.mixtures.design.MixtureDesigner;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.surrogate.BootstrapEnsemble;
import io.modomodo.mixtures.surrogate.QuadraticForm;
import io.modomodo.mixtures.surrogate.SurrogateFit;
import io.modomodo.mixtures.surrogate.SurrogateFitter;
import io.modomodo.mixtures.surrogate.SurrogateModel;

/**
 * The whole loop on landscapes with a known optimum: 30 runs from the library's own designs (seeds,
 * then space-filling), noisy outcomes of a 5-domain quadratic, a quadratic fit, the best proposal. Its
 * true value must close at least 90% of the gap between the uniform mixture and the true optimum.
 */
class SyntheticLandscapeTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void bestProposalClosesNinetyPercentOfTheGapFromUniform(long landscape) {
        int m = 5;
        SplittableRandom random = new SplittableRandom(landscape);
        QuadraticForm truth = concaveLandscape(m, random);
        Bounds bounds = Bounds.unbounded(m);
        Optimum optimum = SimplexOptimizer.exact(truth, bounds);
        double uniform = truth.value(new double[] {0.2, 0.2, 0.2, 0.2, 0.2});
        double gap = optimum.value() - uniform;
        assertThat(gap).as("the landscape is worth optimising").isGreaterThan(0.03);

        MixtureDesigner designer = new MixtureDesigner(bounds);
        List<double[]> runs = new ArrayList<>(designer.design(DesignStrategy.SEEDS, 30, landscape, 1, List.of()));
        runs.addAll(designer.design(DesignStrategy.SPACE_FILLING, 30 - runs.size(), landscape, 1, runs));
        assertThat(runs).hasSize(30);
        double[][] w = runs.toArray(double[][]::new);
        double[] y = new double[w.length];
        for (int r = 0; r < w.length; r++) {
            y[r] = truth.value(w[r]) + 0.005 * random.nextGaussian();
        }

        SurrogateFit fit = new SurrogateFitter(landscape).fit(SurrogateModel.QUADRATIC, w, y, 5);
        BootstrapEnsemble ensemble = BootstrapEnsemble.fit(fit, w, y, 20, landscape);
        Proposal best = new MixtureProposer(bounds, landscape).best(fit.form(), ensemble, 1, 0.05).get(0);

        assertThat(truth.value(best.weights())).as("true value of the proposal")
                .isGreaterThanOrEqualTo(optimum.value() - 0.1 * gap);
    }

    /** A concave bowl with its peak inside the simplex, tilted, with interactions of both signs. */
    static QuadraticForm concaveLandscape(int m, SplittableRandom random) {
        double[] peak = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            peak[i] = random.nextDouble(0.02, 1) * (i == 0 ? 3 : 1);
            sum += peak[i];
        }
        for (int i = 0; i < m; i++) {
            peak[i] /= sum;
        }
        double[][] g = new double[m][m];
        for (double[] row : g) {
            for (int j = 0; j < m; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    a[i][j] += g[k][i] * g[k][j];
                }
            }
            a[i][i] += 0.2;
        }
        // f(w) = 0.5 − (w − p)ᵀA(w − p) = (0.5 − pᵀAp) + 2(Ap)ᵀw − wᵀAw
        double[] ap = new double[m];
        double pap = 0;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                ap[i] += a[i][j] * peak[j];
                c[i][j] = -a[i][j];
            }
            pap += peak[i] * ap[i];
        }
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = 2 * ap[i];
        }
        return new QuadraticForm(0.5 - pap, b, c);
    }
}
