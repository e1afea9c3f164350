package io.modomodo.rewards.verifiers;

import static io.modomodo.rewards.verifiers.VerifierTesting.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.modomodo.rewards.VerifierInputException;

class NumberVerifierTest {

    private final NumberVerifier number = new NumberVerifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4|4", "4|There are 4 red circles.", "4|four", "4|Four.", "-3|-3", "-3|−3", "3|+3", "1000|1,000", "1000|1 000",
        "1234567|1,234,567", "1000|1\\,000", "1000|1{,}000", "0.75|3/4", "0.75|\\frac{3}{4}", "0.75|\\dfrac{3}{4}",
        "-0.5|-\\frac{1}{2}", "0.5|\\frac12", "1500|1.5e3", "0.0025|2.5E-3", "1500|1.5 \\times 10^{3}",
        "1500|1.5 × 10^3", "1500|1.5 x 10^3", "0.0015|1.5x10^{-3}", "1000|10^3", "45|45%", "45|45\\%", "30|30°", "30|30^\\circ", "12|$12", "12|\\$12",
        "12.5|€12.50", "12|12 cm", "12|12 apples", "12|x = 12", "15|2 + 13 = 15", "12|\\boxed{12}", "0.5|.5",
        "3.14|3.14", "1024|2^{10}", "20|twenty", "0|zero", "7|The answer is $7$.", "4|4 and 4", "100|1e2"})
    void readsEveryListedForm(double gold, String answer) {
        assertThat(check(number, String.valueOf(gold), answer).accuracy()).as(answer).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3 or 4", "between 2 and 5", "no idea", "", "\\sqrt{2}", "3-5", "1,2,3", "12:30", "x"})
    void refusesTextWithTwoDifferentNumbersOrNone(String answer) {
        assertThat(check(number, "4", answer).extracted()).as(answer).isNull();
        assertThat(check(number, "4", answer).accuracy()).isZero();
    }

    @Test
    void comparesWithinTheTolerances() {
        assertThat(check(number, "100", "100.00001").accuracy()).isEqualTo(1.0);
        assertThat(check(number, "100", "100.001").accuracy()).isZero();
        assertThat(check(number, "100", Map.of("absTol", 0.01), "100.001").accuracy()).isEqualTo(1.0);
        assertThat(check(number, "100", Map.of("relTol", 0.1), "109").accuracy()).isEqualTo(1.0);
        assertThat(check(number, "0", "0.0000000001").accuracy()).isEqualTo(1.0);
        assertThat(check(number, "0", "0.001").accuracy()).isZero();
    }

    @Test
    void reportsTheNumberItRead() {
        assertThat(check(number, "4", "There are 5 circles").extracted()).isEqualTo("5");
        assertThat(check(number, "4", "3/4").extracted()).isEqualTo("0.75");
        assertThat(check(number, "4", "-1,200.50 dollars").extracted()).isEqualTo("-1200.5");
    }

    @Test
    void refusesUnreadableGoldsAndBadTolerances() {
        assertThatThrownBy(() -> number.prepare("many", Map.of())).isInstanceOf(VerifierInputException.class)
                .extracting("field").isEqualTo("answer");
        assertThatThrownBy(() -> number.prepare("4", Map.of("absTol", -1))).extracting("field")
                .isEqualTo("params.absTol");
        assertThatThrownBy(() -> number.prepare("4", Map.of("relTol", "x"))).extracting("field")
                .isEqualTo("params.relTol");
        assertThatThrownBy(() -> number.prepare(java.util.List.of(1), Map.of())).isInstanceOf(
                VerifierInputException.class);
    }

    @Test
    void staysLinearOnHostileInput() {
        String digits = "9".repeat(50_000);
        String fractions = "1/".repeat(30_000) + "1";
        String nested = "\\frac{".repeat(10_000) + "1" + "}{2}".repeat(10_000);
        long start = System.nanoTime();
        assertThat(check(number, "4", digits).accuracy()).isZero();
        assertThat(check(number, "4", fractions).accuracy()).isZero();
        assertThat(check(number, "4", nested).accuracy()).isZero();
        assertThat(check(number, "4", "1e99999999999").extracted()).isNull();
        assertThat(check(number, "4", "x.5 é.5 x.".repeat(5_000)).accuracy()).isZero();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
