package io.modomodo.mixtures.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.simplex.Vectors;

class MixtureDesignerTest {

    private static final Bounds BOUNDED = Bounds.of(new double[] {0.05, 0, 0, 0.1, 0}, new double[] {0.6, 1, 0.3, 1, 1});

    @Test
    void seedsAreUniformOneHotAndLeaveOneOut() {
        List<double[]> seeds = new MixtureDesigner(Bounds.unbounded(4)).seeds(100, List.of());
        assertThat(seeds).hasSize(9);
        assertThat(seeds.get(0)).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(seeds.get(1)).containsExactly(1, 0, 0, 0);
        assertThat(seeds.get(8)[3]).isZero();
        assertThat(seeds.get(8)[0]).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void everyDesignRespectsTheBounds() {
        MixtureDesigner designer = new MixtureDesigner(BOUNDED);
        for (DesignStrategy strategy : DesignStrategy.values()) {
            for (double alpha : new double[] {0.1, 1, 10}) {
                List<double[]> design = designer.design(strategy, 30, 5, alpha, List.of());
                assertThat(design).isNotEmpty();
                for (double[] w : design) {
                    assertThat(BOUNDED.contains(w, 1e-12)).as(strategy + " " + java.util.Arrays.toString(w)).isTrue();
                }
            }
        }
    }

    @Test
    void sameSeedGivesSameDesignAndOtherSeedAnother() {
        MixtureDesigner designer = new MixtureDesigner(BOUNDED);
        for (DesignStrategy strategy : List.of(DesignStrategy.DIRICHLET, DesignStrategy.SPACE_FILLING)) {
            List<double[]> a = designer.design(strategy, 10, 7, 1, List.of());
            List<double[]> b = designer.design(strategy, 10, 7, 1, List.of());
            List<double[]> c = designer.design(strategy, 10, 8, 1, List.of());
            assertThat(a).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(a.get(i)).containsExactly(b.get(i));
            }
            assertThat(c).anySatisfy(w -> assertThat(Vectors.minDistance(w, a)).isGreaterThan(1e-6));
        }
    }

    @Test
    void skipsMixturesAlreadyInTheStudy() {
        MixtureDesigner designer = new MixtureDesigner(Bounds.unbounded(3));
        List<double[]> first = designer.seeds(3, List.of());
        List<double[]> next = designer.seeds(100, first);
        assertThat(next).hasSize(4);
        for (double[] w : next) {
            assertThat(Vectors.minDistance(w, first)).isGreaterThan(1e-6);
        }
        List<double[]> dirichlet = designer.design(DesignStrategy.DIRICHLET, 5, 1, 1, List.of());
        List<double[]> again = designer.design(DesignStrategy.DIRICHLET, 5, 1, 1, dirichlet);
        for (double[] w : again) {
            assertThat(Vectors.minDistance(w, dirichlet)).isGreaterThan(1e-6);
        }
    }

    @Test
    void spaceFillingSpreadsFartherThanRandomSamples() {
        MixtureDesigner designer = new MixtureDesigner(Bounds.unbounded(5));
        double filling = minPairwise(designer.design(DesignStrategy.SPACE_FILLING, 20, 3, 1, List.of()));
        double random = minPairwise(designer.design(DesignStrategy.DIRICHLET, 20, 3, 1, List.of()));
        assertThat(filling).isGreaterThan(1.5 * random);
    }

    @Test
    void spaceFillingKeepsAwayFromExistingRuns() {
        MixtureDesigner designer = new MixtureDesigner(Bounds.unbounded(3));
        List<double[]> existing = List.of(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3});
        double[] first = designer.spaceFilling(1, 1, existing).get(0);
        assertThat(Vectors.distance(first, existing.get(0))).isGreaterThan(0.7);
    }

    @Test
    void dirichletConcentrationControlsSpread() {
        MixtureDesigner designer = new MixtureDesigner(Bounds.unbounded(4));
        double[] uniform = {0.25, 0.25, 0.25, 0.25};
        double tight = meanDistance(designer.design(DesignStrategy.DIRICHLET, 200, 2, 100, List.of()), uniform);
        double loose = meanDistance(designer.design(DesignStrategy.DIRICHLET, 200, 2, 0.3, List.of()), uniform);
        assertThat(tight).isLessThan(loose / 4);
    }

    @Test
    void gammaSamplesHaveTheRightMean() {
        DirichletSampler sampler = new DirichletSampler(9);
        for (double shape : new double[] {0.2, 1, 3.5}) {
            double sum = 0;
            for (int i = 0; i < 40_000; i++) {
                sum += sampler.gamma(shape);
            }
            assertThat(sum / 40_000).isCloseTo(shape, within(0.05 * Math.max(1, shape)));
        }
    }

    private static double minPairwise(List<double[]> points) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            List<double[]> others = new ArrayList<>(points.subList(i + 1, points.size()));
            best = Math.min(best, Vectors.minDistance(points.get(i), others));
        }
        return best;
    }

    private static double meanDistance(List<double[]> points, double[] centre) {
        return points.stream().mapToDouble(p -> Vectors.distance(p, centre)).average().orElseThrow();
    }
}
