package io.modomodo.mixtures.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.modomodo.mixtures.design.DesignStrategy;
import io.modomodo.mixtures.design.MixtureDesigner;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.simplex.Vectors;
import io.modomodo.mixtures.surrogate.BootstrapEnsemble;
import io.modomodo.mixtures.surrogate.QuadraticForm;
import io.modomodo.mixtures.surrogate.SurrogateFit;
import io.modomodo.mixtures.surrogate.SurrogateFitter;
import io.modomodo.mixtures.surrogate.SurrogateModel;

class MixtureProposerTest {

    private static final Bounds BOUNDS = Bounds.of(new double[] {0, 0, 0, 0.1}, new double[] {0.7, 1, 1, 1});

    private final List<double[]> runs = new MixtureDesigner(BOUNDS).design(DesignStrategy.SPACE_FILLING, 16, 1, 1,
            List.of());
    private final QuadraticForm truth = SyntheticLandscapeTest.concaveLandscape(4, new SplittableRandom(7));
    private final SurrogateFit fit;
    private final BootstrapEnsemble ensemble;

    MixtureProposerTest() {
        double[][] w = runs.toArray(double[][]::new);
        double[] y = new double[w.length];
        SplittableRandom random = new SplittableRandom(1);
        for (int r = 0; r < w.length; r++) {
            y[r] = truth.value(w[r]) + 0.01 * random.nextGaussian();
        }
        fit = new SurrogateFitter(0).fit(SurrogateModel.QUADRATIC, w, y, 4);
        ensemble = BootstrapEnsemble.fit(fit, w, y, 20, 3);
    }

    @Test
    void bestProposalIsTheExactMaximiserOfTheFit() {
        Proposal best = new MixtureProposer(BOUNDS, 0).best(fit.form(), ensemble, 1, 0.05).get(0);
        Optimum optimum = SimplexOptimizer.exact(fit.form(), BOUNDS);
        assertThat(best.predicted()).isCloseTo(optimum.value(), within(1e-12));
        assertThat(best.spread()).isCloseTo(ensemble.spread(best.weights()), within(1e-15));
    }

    @Test
    void furtherBestProposalsKeepTheirDistanceAndRankBelowTheFirst() {
        List<Proposal> proposals = new MixtureProposer(BOUNDS, 0).best(fit.form(), ensemble, 3, 0.1);
        assertThat(proposals).hasSize(3);
        List<double[]> seen = new ArrayList<>();
        for (Proposal p : proposals) {
            assertThat(BOUNDS.contains(p.weights(), 1e-9)).isTrue();
            assertThat(Vectors.minDistance(p.weights(), seen)).isGreaterThanOrEqualTo(0.1);
            assertThat(p.predicted()).isLessThanOrEqualTo(proposals.get(0).predicted() + 1e-12);
            seen.add(p.weights());
        }
    }

    @Test
    void exploreKeepsAwayFromRunsAndEachOtherAndSeeksSpread() {
        List<Proposal> explore = new MixtureProposer(BOUNDS, 0).explore(ensemble, runs, 3, 2.0, 0.08);
        List<double[]> taken = new ArrayList<>(runs);
        for (Proposal p : explore) {
            assertThat(BOUNDS.contains(p.weights(), 1e-9)).isTrue();
            assertThat(Vectors.minDistance(p.weights(), taken)).isGreaterThanOrEqualTo(0.08);
            assertThat(p.predicted()).isCloseTo(ensemble.mean(p.weights()), within(1e-15));
            taken.add(p.weights());
        }
        double exploredAcquisition = explore.get(0).predicted() + 2.0 * explore.get(0).spread();
        Proposal greedy = new MixtureProposer(BOUNDS, 0).explore(ensemble, runs, 1, 0.0, 0.08).get(0);
        assertThat(explore.get(0).spread()).isGreaterThanOrEqualTo(greedy.spread());
        assertThat(exploredAcquisition).isGreaterThanOrEqualTo(greedy.predicted() + 2.0 * greedy.spread() - 1e-12);
    }

    @Test
    void sameSeedSameProposals() {
        List<Proposal> a = new MixtureProposer(BOUNDS, 5).explore(ensemble, runs, 2, 1.0, 0.05);
        List<Proposal> b = new MixtureProposer(BOUNDS, 5).explore(ensemble, runs, 2, 1.0, 0.05);
        assertThat(a.get(1).weights()).containsExactly(b.get(1).weights());
    }
}
