package io.modomodo.mixtures.simplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BoundsTest {

    private final SplittableRandom random = new SplittableRandom(11);

    @Test
    void rejectsBoundsThatLeaveNoMixture() {
        assertThatThrownBy(() -> Bounds.of(new double[] {0.6, 0.5}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minimums");
        assertThatThrownBy(() -> Bounds.of(new double[] {0, 0, 0}, new double[] {0.3, 0.3, 0.3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximums");
        assertThatThrownBy(() -> Bounds.of(new double[] {0.5, 0}, new double[] {0.4, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bounds.of(new double[] {Double.NaN, 0}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void projectionIsFeasibleIdempotentAndNearest() {
        for (int trial = 0; trial < 200; trial++) {
            int m = 2 + random.nextInt(8);
            Bounds bounds = randomBounds(m);
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = random.nextDouble(-2, 2);
            }
            double[] p = bounds.project(v);
            assertThat(bounds.contains(p, 1e-12)).as("feasible").isTrue();
            assertThat(Vectors.sum(p)).isCloseTo(1.0, within(1e-12));
            assertThat(Vectors.distance(bounds.project(p), p)).isLessThan(1e-12);
            // Nearest point of a convex set: (v − p)·(q − p) ≤ 0 for every feasible q.
            for (int k = 0; k < 50; k++) {
                double[] q = bounds.project(randomPoint(m));
                double inner = 0;
                for (int i = 0; i < m; i++) {
                    inner += (v[i] - p[i]) * (q[i] - p[i]);
                }
                assertThat(inner).isLessThan(1e-10);
            }
        }
    }

    private Bounds randomBounds(int m) {
        double[] lo = new double[m];
        double[] hi = new double[m];
        double budget = 0.8;
        for (int i = 0; i < m; i++) {
            lo[i] = random.nextDouble() < 0.5 ? 0 : random.nextDouble(0, budget / m);
            hi[i] = random.nextDouble() < 0.5 ? 1 : Math.max(lo[i], random.nextDouble(lo[i], 1));
        }
        double sumHi = Vectors.sum(hi);
        if (sumHi < 1) {
            hi[0] = Math.min(1, hi[0] + (1 - sumHi) + 1e-3);
            hi[1] = Math.min(1, hi[1] + (1 - sumHi) + 1e-3);
        }
        return Bounds.of(lo, hi);
    }

    private double[] randomPoint(int m) {
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = random.nextDouble();
        }
        return v;
    }
}
