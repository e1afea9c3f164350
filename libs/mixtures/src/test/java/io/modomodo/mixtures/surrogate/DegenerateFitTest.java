package io.modomodo.mixtures.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Fits on degenerate outcomes: extreme scales, flat scores, duplicated mixtures. */
class DegenerateFitTest {

    private static final double[][] W = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}, {1 / 3.0, 1 / 3.0, 1 / 3.0},
        {0.6, 0.2, 0.2}, {0.2, 0.6, 0.2}, {0.2, 0.2, 0.6}};

    private static double[] outcomes(double scale) {
        SplittableRandom random = new SplittableRandom(3);
        double[] y = new double[W.length];
        for (int r = 0; r < W.length; r++) {
            y[r] = scale * (W[r][0] * W[r][1] - 0.3 * W[r][2] + 0.02 * random.nextDouble());
        }
        return y;
    }

    @Test
    void fitsScaleWithTheOutcomesFromOneE300ToOneEMinus300() {
        SurrogateFit unit = new SurrogateFitter(1).fit(SurrogateModel.QUADRATIC, W, outcomes(1), 5);
        for (double scale : new double[] {1e300, -1e300, 1e-300, 1e6, -1e-6}) {
            SurrogateFit fit = new SurrogateFitter(1).fit(SurrogateModel.QUADRATIC, W, outcomes(scale), 5);
            assertThat(fit.cv().r2()).isCloseTo(unit.cv().r2(), within(1e-9));
            assertThat(fit.cv().spearman()).isCloseTo(unit.cv().spearman(), within(1e-9));
            assertThat(fit.cv().rmse() / Math.abs(scale)).isCloseTo(unit.cv().rmse(), within(1e-9));
            for (int i = 0; i < unit.coefficients().length; i++) {
                assertThat(fit.coefficients()[i] / scale).isCloseTo(unit.coefficients()[i], within(1e-6));
            }
            BootstrapEnsemble ensemble = BootstrapEnsemble.fit(fit, W, outcomes(scale), 8, 1);
            double spread = ensemble.spread(new double[] {0.3, 0.3, 0.4});
            assertThat(Double.isFinite(spread)).as("spread at scale %s", scale).isTrue();
            assertThat(spread).isGreaterThan(0);
        }
    }

    @Test
    void flatOutcomesGiveZeroR2AndZeroErrorNotNaN() {
        double[] y = new double[W.length];
        java.util.Arrays.fill(y, 0.5);
        for (SurrogateModel model : SurrogateModel.values()) {
            SurrogateFit fit = new SurrogateFitter(1).fit(model, W, y, W.length);
            assertThat(fit.cv().r2()).isZero();
            assertThat(fit.cv().spearman()).isZero();
            assertThat(fit.cv().rmse()).isLessThan(1e-12);
            assertThat(fit.form().value(new double[] {0.2, 0.3, 0.5})).isCloseTo(0.5, within(1e-9));
        }
    }
}
