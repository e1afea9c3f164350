package io.modomodo.mixture.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {

    @Test
    void threePairsGiveTheStudentTIntervalWithTwoDegreesOfFreedom() {
        // mean 0.04, s = 0.02 (deviations -0.02, 0, 0.02), half-width 4.303 · 0.02 / √3 = 0.049687
        PairedDifference d = PairedDifference.of(List.of(0.02, 0.04, 0.06));
        assertThat(d.n()).isEqualTo(3);
        assertThat(d.mean()).isCloseTo(0.04, within(1e-12));
        assertThat(d.low()).isCloseTo(0.04 - 0.0496868, within(1e-6));
        assertThat(d.high()).isCloseTo(0.04 + 0.0496868, within(1e-6));
    }

    @Test
    void onePairHasAMeanButNoInterval() {
        PairedDifference d = PairedDifference.of(List.of(0.5));
        assertThat(d.mean()).isEqualTo(0.5);
        assertThat(d.low()).isNull();
        assertThat(d.high()).isNull();
    }

    @Test
    void equalDifferencesGiveAZeroWidthInterval() {
        PairedDifference d = PairedDifference.of(List.of(0.1, 0.1));
        assertThat(d.low()).isCloseTo(0.1, within(1e-15));
        assertThat(d.high()).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void manyPairsUseTheNormalQuantile() {
        assertThat(PairedDifference.t975(30)).isEqualTo(2.042);
        assertThat(PairedDifference.t975(31)).isEqualTo(1.96);
        assertThat(PairedDifference.t975(1)).isEqualTo(12.706);
    }
}
