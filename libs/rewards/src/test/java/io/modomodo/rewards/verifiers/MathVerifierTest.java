package io.modomodo.rewards.verifiers;

import static io.modomodo.rewards.verifiers.VerifierTesting.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.modomodo.rewards.VerifierInputException;

class MathVerifierTest {

    private final MathVerifier math = new MathVerifier();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\frac{1}{2}|0.5", "\\frac{1}{2}|1/2", "\\dfrac{3}{4}|0.75", "2\\sqrt{2}|\\sqrt{8}", "2\\sqrt{2}|2*sqrt(2)",
        "9\\pi|9 \\cdot \\pi", "9\\pi|9π", "\\sqrt[3]{27}|3", "2^{10}|1024", "x^2+2x+1|(x+1)^2", "2x|x \\times 2",
        "x = 3|3", "3|y = 3", "(1, 2)|(1,2)", "\\{1, 2\\}|\\{2, 1\\}", "1, 2|2, 1", "e^{2}|e^2",
        "\\frac{a+b}{2}|\\frac{b}{2}+\\frac{a}{2}", "\\sin x|\\sin(x)", "\\left( \\frac{1}{3} \\right)|1/3",
        "1000|1,000", "\\frac{\\sqrt{3}}{2}|\\frac{\\sqrt 3}{2}", "\\ln(e^3)|3", "-\\frac{1}{2}|-0.5",
        "x_1 + x_2|x_2 + x_1", "\\alpha\\beta|\\beta\\alpha", "2\\cdot 3|6", "$\\boxed{12}$|12",
        "5|5 \\text{ cm}", "90|90^\\circ", "(1, 2]|(1, 2]",
        "5|The answer is $5$.", "\\frac{1}{2}|Final answer: \\frac{2}{4}"})
    void acceptsEquivalentForms(String gold, String answer) {
        assertThat(check(math, gold, answer).accuracy()).as(gold + " vs " + answer).isEqualTo(1.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\\frac{1}{2}|0.51", "x^2+2x+1|(x+1)^3", "(1, 2)|(2, 1)", "\\{1, 2\\}|\\{1, 3\\}", "2x|2y", "3|3.001",
        "(1, 2)|\\{1, 2\\}", "1, 2|1, 2, 3", "\\pi|3.14"})
    void refusesDifferentValues(String gold, String answer) {
        assertThat(check(math, gold, answer).accuracy()).as(gold + " vs " + answer).isZero();
    }

    @Test
    void honoursTheRelativeTolerance() {
        assertThat(check(math, "\\pi", Map.of("relTol", 1e-3), "3.1416").accuracy()).isEqualTo(1.0);
    }

    @Test
    void reportsTheCleanedAnswer() {
        assertThat(check(math, "3", "$x = \\frac{6}{2}$").extracted()).isEqualTo("\\frac{6}{2}");
        assertThat(check(math, "3", "garbage )(").extracted()).isNull();
        assertThat(check(math, "3", "(3").extracted()).isNull();
        assertThat(check(math, "3", "\\frac{").extracted()).isNull();
    }

    @Test
    void refusesHostileAnswersWithinMilliseconds() {
        String[] hostile = {"10^10^10^10", "9".repeat(50_000), "(".repeat(20_000) + "1" + ")".repeat(20_000),
            "\\frac{".repeat(5_000) + "1", "2^{2^{2^{2^{2^{2^{2^{2}}}}}}}", "\\sqrt{".repeat(300) + "2" + "}".repeat(300),
            "x".repeat(900), "1/0", "\\text{".repeat(400) + "1" + "}".repeat(400), "((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))"};
        for (String answer : hostile) {
            long start = System.nanoTime();
            assertThat(check(math, "3", answer).accuracy()).isZero();
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for %.20s", answer).isLessThan(200);
        }
    }

    @Test
    void refusesGoldsItCannotReadOrThatHaveNoValue() {
        assertThatThrownBy(() -> math.prepare(")(", Map.of())).isInstanceOf(VerifierInputException.class)
                .extracting("field").isEqualTo("answer");
        assertThatThrownBy(() -> math.prepare("10^10^10^10", Map.of())).isInstanceOf(VerifierInputException.class);
        for (String unbalanced : new String[] {"\\frac{", "(1", "{1, 2", "[1, (2]", "1)", "", " ", "$$"}) {
            assertThatThrownBy(() -> math.prepare(unbalanced, Map.of())).as(unbalanced)
                    .isInstanceOf(VerifierInputException.class);
        }
        assertThatThrownBy(() -> math.prepare("1", Map.of("relTol", -1))).extracting("field")
                .isEqualTo("params.relTol");
    }
}
