package io.modomodo.mixtures.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.modomodo.mixtures.design.DesignStrategy;
import io.modomodo.mixtures.design.MixtureDesigner;
import io.modomodo.mixtures.simplex.Bounds;

class SurrogateFitterTest {

    @Test
    void recoversANoiselessQuadraticExactly() {
        int m = 4;
        QuadraticForm truth = new QuadraticForm(0.3, new double[] {0.1, -0.2, 0.4, 0.05},
                new double[][] {{-0.5, 0.2, 0.1, 0}, {0.2, 0.3, -0.4, 0.1}, {0.1, -0.4, -0.2, 0.6}, {0, 0.1, 0.6, 0.1}});
        double[][] w = design(m, 40, 1);
        double[] y = evaluate(truth, w, 0, 0);
        SurrogateFit fit = new SurrogateFitter(1).fit(SurrogateModel.QUADRATIC, w, y, 5);
        assertThat(fit.cv().r2()).isGreaterThan(0.999_999);
        assertThat(fit.cv().spearman()).isGreaterThan(0.999);
        double[][] probe = design(m, 50, 99);
        for (double[] p : probe) {
            assertThat(fit.predict(p)).isCloseTo(truth.value(p), within(1e-5));
        }
    }

    @Test
    void heldOutPredictionsAreTheOnesTheReportedErrorsCameFrom() {
        int m = 3;
        QuadraticForm truth = new QuadraticForm(0, new double[] {1e6, -2e6, 5e5},
                new double[][] {{-1e6, 0, 0}, {0, 2e6, 0}, {0, 0, -5e5}});
        double[][] w = design(m, 30, 4);
        double[] y = evaluate(truth, w, 2e4, 5);
        CrossValidation cv = new SurrogateFitter(1).fit(SurrogateModel.QUADRATIC, w, y, 5).cv();
        assertThat(cv.heldOut()).hasSize(y.length);
        double sse = 0;
        for (int i = 0; i < y.length; i++) {
            sse += (cv.heldOut()[i] - y[i]) * (cv.heldOut()[i] - y[i]);
        }
        assertThat(Math.sqrt(sse / y.length)).isCloseTo(cv.rmse(), within(1e-6 * cv.rmse()));
        assertThat(SurrogateFitter.r2(cv.heldOut(), y)).isCloseTo(cv.r2(), within(1e-9));
    }

    @Test
    void mapsSchefféCoefficientsToTheSameFunction() {
        double[] beta = {0.2, 0.5, -0.1, 1.2, -0.8, 0.3};
        QuadraticForm form = SurrogateModel.QUADRATIC.toQuadraticForm(beta, 3);
        assertThat(form.a()).isZero();
        assertThat(form.b()).containsExactly(0.2, 0.5, -0.1);
        assertThat(form.c(0, 1)).isEqualTo(0.6);
        assertThat(form.c(1, 0)).isEqualTo(0.6);
        assertThat(form.c(1, 2)).isEqualTo(0.15);
        assertThat(form.c(2, 2)).isZero();
        double[] w = {0.2, 0.3, 0.5};
        double direct = 0.2 * 0.2 + 0.5 * 0.3 - 0.1 * 0.5 + 1.2 * 0.06 - 0.8 * 0.1 + 0.3 * 0.15;
        assertThat(form.value(w)).isCloseTo(direct, within(1e-15));
    }

    @Test
    void linearModelExplainsFarLessThanQuadraticOnStrongInteractions() {
        int m = 5;
        double[][] c = new double[m][m];
        c[0][1] = c[1][0] = 2;
        c[2][3] = c[3][2] = 1.5;
        c[1][4] = c[4][1] = -1.8;
        QuadraticForm truth = new QuadraticForm(0.4, new double[] {0.05, 0, 0.02, 0.01, 0}, c);
        double[][] w = design(m, 40, 4);
        double[] y = evaluate(truth, w, 0.01, 5);
        SurrogateFitter fitter = new SurrogateFitter(2);
        CrossValidation linear = fitter.fit(SurrogateModel.LINEAR, w, y, 5).cv();
        CrossValidation quadratic = fitter.fit(SurrogateModel.QUADRATIC, w, y, 5).cv();
        assertThat(quadratic.r2()).isGreaterThan(0.8);
        assertThat(linear.r2()).isLessThan(quadratic.r2() - 0.4);
        assertThat(linear.rmse()).isGreaterThan(2 * quadratic.rmse());
    }

    @Test
    void strongerPenaltyIsChosenForPureNoise() {
        double[][] w = design(3, 30, 6);
        double[] y = new double[w.length];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < y.length; i++) {
            y[i] = 0.5 + 0.05 * random.nextGaussian();
        }
        SurrogateFit fit = new SurrogateFitter(0).fit(SurrogateModel.QUADRATIC, w, y, 5);
        assertThat(fit.cv().penalty()).isGreaterThanOrEqualTo(1e-2);
        assertThat(fit.cv().r2()).isLessThan(0.2);
    }

    @Test
    void refusesFewerRunsThanParametersAndSaysHowMany() {
        double[][] w = design(5, 14, 1);
        assertThatThrownBy(() -> new SurrogateFitter(0).fit(SurrogateModel.QUADRATIC, w, new double[14], 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 15 runs");
        assertThat(SurrogateModel.LINEAR.parameterCount(5)).isEqualTo(5);
    }

    @Test
    void spearmanHandlesTiesAndOrder() {
        assertThat(SurrogateFitter.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(SurrogateFitter.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        assertThat(SurrogateFitter.spearman(new double[] {1, 1, 2}, new double[] {5, 5, 6})).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void bootstrapSpreadIsLargerFarFromTheRuns() {
        int m = 3;
        QuadraticForm truth = new QuadraticForm(0, new double[] {0.3, 0.5, 0.4},
                new double[][] {{0, 0.3, 0}, {0.3, 0, -0.2}, {0, -0.2, 0}});
        // Runs only near the first vertex: the far corner is extrapolation.
        double[][] w = new MixtureDesigner(Bounds.of(new double[] {0.5, 0, 0}, new double[] {1, 0.5, 0.5}))
                .design(DesignStrategy.DIRICHLET, 25, 3, 1, List.of()).toArray(double[][]::new);
        double[] y = evaluate(truth, w, 0.02, 8);
        SurrogateFit fit = new SurrogateFitter(0).fit(SurrogateModel.QUADRATIC, w, y, 5);
        BootstrapEnsemble ensemble = BootstrapEnsemble.fit(fit, w, y, 30, 1);
        assertThat(ensemble.spread(new double[] {0, 0, 1})).isGreaterThan(3 * ensemble.spread(new double[] {0.7, 0.15, 0.15}));
    }

    static double[][] design(int m, int n, long seed) {
        return new MixtureDesigner(Bounds.unbounded(m)).design(DesignStrategy.DIRICHLET, n, seed, 1, List.of())
                .toArray(double[][]::new);
    }

    static double[] evaluate(QuadraticForm f, double[][] w, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            y[i] = f.value(w[i]) + noise * random.nextGaussian();
        }
        return y;
    }
}
