package io.modomodo.policy.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdvantagesTest {

    // Two groups of four: one with two successes, one with none.
    private static final float[] REWARDS = {1, 0, 0, 1, 0, 0, 0, 0};

    @Test
    void groupScalingDividesByTheUnbiasedGroupStd() {
        float[] a = Advantages.compute(REWARDS, 4, ScaleRewards.GROUP, 1e-6);
        // mean 0.5, unbiased std sqrt(4 · 0.25 / 3) = 0.577350 → ±0.5 / 0.577351
        assertThat(a[0]).isCloseTo(0.866024f, within(1e-5f));
        assertThat(a[1]).isCloseTo(-0.866024f, within(1e-5f));
        assertThat(a[3]).isCloseTo(0.866024f, within(1e-5f));
        assertThat(new float[] {a[4], a[5], a[6], a[7]}).as("a group with equal rewards teaches nothing")
                .containsOnly(0f);
    }

    @Test
    void batchScalingDividesByTheStdOfAllRewards() {
        float[] a = Advantages.compute(REWARDS, 4, ScaleRewards.BATCH, 1e-6);
        // batch: mean 0.25, unbiased std sqrt(1.5 / 7) = 0.462910 → ±0.5 / 0.462911
        assertThat(a[0]).isCloseTo(1.080122f, within(1e-5f));
        assertThat(a[2]).isCloseTo(-1.080122f, within(1e-5f));
        assertThat(a[6]).isEqualTo(0f);
    }

    @Test
    void noScalingOnlyCentresOnTheGroupMean() {
        float[] a = Advantages.compute(new float[] {3, 1, 2, 2}, 2, ScaleRewards.NONE, 1e-6);
        assertThat(a).containsExactly(1f, -1f, 0f, 0f);
    }

    @Test
    void epsilonKeepsTheDenominatorAwayFromZero() {
        float[] a = Advantages.compute(new float[] {1, 0}, 2, ScaleRewards.GROUP, 0.5);
        // std of {1, 0} is 0.707107; 0.5 / (0.707107 + 0.5)
        assertThat(a[0]).isCloseTo(0.414214f, within(1e-5f));
    }

    @Test
    void aGroupOfOneHasNoAdvantage() {
        assertThat(Advantages.compute(new float[] {1, 0, 5}, 1, ScaleRewards.NONE, 1e-6)).containsOnly(0f);
        assertThat(Advantages.compute(new float[] {1, 0, 5}, 1, ScaleRewards.BATCH, 1e-6)).containsOnly(0f);
    }

    @Test
    void rejectsPartialGroupsAndNonFiniteRewards() {
        assertThatIllegalArgumentException().isThrownBy(() -> Advantages.compute(new float[] {1, 0, 1}, 2,
                ScaleRewards.GROUP, 1e-6)).withMessageContaining("whole groups of 2");
        assertThatIllegalArgumentException().isThrownBy(() -> Advantages.compute(new float[] {1, Float.NaN}, 2,
                ScaleRewards.GROUP, 1e-6)).withMessageContaining("rewards[1]");
    }
}
