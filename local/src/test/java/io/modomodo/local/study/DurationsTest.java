package io.modomodo.local.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesShortFormsAndIso() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("20m")).isEqualTo(Duration.ofMinutes(20));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void refusesTextThatIsNoDuration() {
        assertThatThrownBy(() -> Durations.parse("20 minutes")).hasMessage(
                "'20 minutes' is not a duration: write e.g. 90s, 20m or 2h");
    }

    @Test
    void formatsSecondsMinutesAndHours() {
        assertThat(Durations.format(Duration.ofMillis(41_600))).isEqualTo("42s");
        assertThat(Durations.format(Duration.ofSeconds(245))).isEqualTo("4m 05s");
        assertThat(Durations.format(Duration.ofSeconds(3725))).isEqualTo("1h 02m");
        assertThat(Durations.format(Duration.ofSeconds(-3))).isEqualTo("0s");
    }
}
