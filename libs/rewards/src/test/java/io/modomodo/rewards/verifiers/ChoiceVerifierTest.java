package io.modomodo.rewards.verifiers;

import static io.modomodo.rewards.verifiers.VerifierTesting.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.modomodo.rewards.Verdict;
import io.modomodo.rewards.VerifierInputException;

class ChoiceVerifierTest {

    private final ChoiceVerifier choice = new ChoiceVerifier();

    @ParameterizedTest
    @ValueSource(strings = {"B", "b", "(B)", "B.", "B)", "[B]", "\\text{B}", "\\boxed{B}", "The answer is B",
        "B) blue", "(b)", " B ", "$\\boxed{\\text{B}}$", "The correct option is (B).", "**B**", "I think it is B.",
        "Answer: B", "b) blue", "A cat is not it; B"})
    void readsEveryListedFormOfTheLetter(String answer) {
        Verdict verdict = check(choice, "B", answer);
        assertThat(verdict.accuracy()).as(answer).isEqualTo(1.0);
        assertThat(verdict.extracted()).isEqualTo("B");
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "(C)", "The answer is C", "c"})
    void scoresAWrongLetterZeroButReadsIt(String answer) {
        Verdict verdict = check(choice, "B", answer);
        assertThat(verdict.accuracy()).isZero();
        assertThat(verdict.extracted()).isEqualTo("C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"B or C", "A and B", "(A) or (B)", "B, C", "", "blue", "I don't know", "12"})
    void refusesAnswersNamingTwoLettersOrNone(String answer) {
        Verdict verdict = check(choice, "B", answer);
        assertThat(verdict.accuracy()).as(answer).isZero();
        assertThat(verdict.extracted()).as(answer).isNull();
    }

    @Test
    void readsAnOptionTextAsItsLetter() {
        Map<String, Object> params = Map.of("options", Map.of("A", "red", "B", "Vitamin C", "C", "green"));
        assertThat(check(choice, "B", params, "vitamin c.").accuracy()).isEqualTo(1.0);
        assertThat(check(choice, "B", params, "B) Vitamin C").accuracy()).isEqualTo(1.0);
        assertThat(check(choice, "B", params, "green").extracted()).isEqualTo("C");
        assertThat(check(choice, "green", params, "C").accuracy()).isEqualTo(1.0);
    }

    @Test
    void refusesAGoldThatIsNotALetter() {
        assertThatThrownBy(() -> choice.prepare("AB", Map.of())).isInstanceOf(VerifierInputException.class)
                .extracting("field").isEqualTo("answer");
        assertThatThrownBy(() -> choice.prepare(null, Map.of())).isInstanceOf(VerifierInputException.class);
        assertThatThrownBy(() -> choice.prepare("B", Map.of("options", "x")))
                .isInstanceOf(VerifierInputException.class).extracting("field").isEqualTo("params.options");
    }
}
