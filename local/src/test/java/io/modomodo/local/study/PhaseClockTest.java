package io.modomodo.local.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PhaseClockTest {

    private static final long S = 1_000_000_000L;

    @Test
    void eachPhaseLastsFromTheFirstPollThatSawItToTheFirstPollThatSawTheNext() {
        PhaseClock clock = new PhaseClock();
        clock.saw("pilot", 0);
        clock.saw("pilot", 10 * S);
        clock.saw("fit", 70 * S);
        clock.saw("final", 72 * S);
        clock.saw("final", 100 * S);
        clock.saw("done", 130 * S);

        assertThat(clock.durations()).containsExactly(
                java.util.Map.entry("pilot", Duration.ofSeconds(70)),
                java.util.Map.entry("fit", Duration.ofSeconds(2)),
                java.util.Map.entry("final", Duration.ofSeconds(58)),
                java.util.Map.entry("done", Duration.ZERO));
        assertThat(clock.summary()).isEqualTo("pilot 1m 10s, fit 2s, final 58s");
    }

    @Test
    void pollsWithoutAPhaseAreIgnored() {
        PhaseClock clock = new PhaseClock();
        clock.saw(null, 0);
        clock.saw("pilot", 5 * S);
        clock.saw("", 6 * S);
        clock.saw("final", 9 * S);
        assertThat(clock.durations().get("pilot")).isEqualTo(Duration.ofSeconds(4));
    }
}
