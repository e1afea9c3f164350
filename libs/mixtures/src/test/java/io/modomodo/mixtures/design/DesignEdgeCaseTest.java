package io.modomodo.mixtures.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.modomodo.mixtures.simplex.Bounds;

/** Designs on tight bounds, with extreme α and seeds, and with every feasible mixture already run. */
class DesignEdgeCaseTest {

    private static void assertInside(List<double[]> design, Bounds bounds) {
        for (double[] w : design) {
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                assertThat(w[i]).isBetween(bounds.lo(i), bounds.hi(i));
                assertThat(Double.isFinite(w[i])).isTrue();
                sum += w[i];
            }
            assertThat(Math.abs(sum - 1)).isLessThanOrEqualTo(1e-12);
        }
    }

    @Test
    void extremeAlphasAndSeedsGiveFiniteDeterministicDesigns() {
        Bounds bounds = Bounds.of(new double[] {0.1, 0, 0, 0}, new double[] {1, 0.5, 1, 1});
        MixtureDesigner designer = new MixtureDesigner(bounds);
        for (double alpha : new double[] {Double.MAX_VALUE, 1e6, 1e-3, Double.MIN_VALUE}) {
            for (long seed : new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}) {
                for (DesignStrategy strategy : DesignStrategy.values()) {
                    List<double[]> design = designer.design(strategy, 20, seed, alpha, List.of());
                    assertThat(design).isNotEmpty();
                    assertInside(design, bounds);
                    List<double[]> again = designer.design(strategy, 20, seed, alpha, List.of());
                    assertThat(again).hasSameSizeAs(design);
                    for (int k = 0; k < design.size(); k++) {
                        assertThat(again.get(k)).containsExactly(design.get(k));
                    }
                }
            }
        }
    }

    @Test
    void whenTheOnlyFeasibleMixtureIsAlreadyRunEveryStrategyReturnsNothingQuickly() {
        Bounds bounds = Bounds.of(new double[] {0.2, 0.3, 0.5}, new double[] {1, 1, 1});
        MixtureDesigner designer = new MixtureDesigner(bounds);
        List<double[]> existing = List.of(new double[] {0.2, 0.3, 0.5});
        for (DesignStrategy strategy : DesignStrategy.values()) {
            List<double[]> fresh = designer.design(strategy, 1000, 7, 1, List.of());
            assertThat(fresh).hasSize(1);
            assertInside(fresh, bounds);
            assertThat(designer.design(strategy, 1000, 7, 1, existing)).isEmpty();
        }
    }

    @Test
    void seedsStopAtTheDistinctMixturesTheBoundsAllow() {
        Bounds fixed = Bounds.of(new double[] {0.5, 0, 0}, new double[] {0.5, 1, 1});
        List<double[]> seeds = new MixtureDesigner(fixed).seeds(50, List.of());
        assertInside(seeds, fixed);
        assertThat(seeds.size()).isBetween(2, 7);
    }
}
