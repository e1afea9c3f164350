package io.modomodo.rewards.verifiers;

import static io.modomodo.rewards.verifiers.VerifierTesting.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.modomodo.rewards.VerifierInputException;

class YesNoAndExactVerifierTest {

    private final YesNoVerifier yesNo = new YesNoVerifier();
    private final ExactVerifier exact = new ExactVerifier();

    @ParameterizedTest
    @ValueSource(strings = {"No", "no", "NO", "No.", "No, it is not.", "no!", "\\text{No}", "**No**",
        "The answer is no.", "No - there is no dog, yes really"})
    void readsNoInEveryForm(String answer) {
        assertThat(check(yesNo, "no", answer).accuracy()).as(answer).isEqualTo(1.0);
        assertThat(check(yesNo, "yes", answer).extracted()).as(answer).isEqualTo("no");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Yes", "yes.", "YES, there are two.", "Yes it is"})
    void readsYes(String answer) {
        assertThat(check(yesNo, "Yes", answer).accuracy()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "", "It could be yes or no", "nothing", "yesterday"})
    void refusesAnswersThatSayNeitherOrBoth(String answer) {
        assertThat(check(yesNo, "yes", answer).extracted()).as(answer).isNull();
    }

    @Test
    void readsABooleanGoldAsYesOrNo() {
        assertThat(check(yesNo, true, "Yes.").accuracy()).isEqualTo(1.0);
        assertThat(check(yesNo, false, "No, it is not.").accuracy()).isEqualTo(1.0);
        assertThat(check(yesNo, false, "yes").accuracy()).isZero();
    }

    @Test
    void refusesAGoldThatIsNotYesOrNo() {
        assertThatThrownBy(() -> yesNo.prepare("perhaps", Map.of())).isInstanceOf(VerifierInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"New York", "new york", "  New   York. ", "\\text{New York}", "NEW YORK!", "new\tyork?"})
    void matchesTextAfterNormalising(String answer) {
        assertThat(check(exact, "New York", answer).accuracy()).as(answer).isEqualTo(1.0);
        assertThat(check(exact, "New York", answer).extracted()).isEqualTo("new york");
    }

    @ParameterizedTest
    @ValueSource(strings = {"New Yorks", "York", "NewYork", "New York City"})
    void refusesOtherText(String answer) {
        assertThat(check(exact, "New York", answer).accuracy()).as(answer).isZero();
    }

    @Test
    void treatsAnEmptyAnswerAsUnreadableAndAnEmptyGoldAsInvalid() {
        assertThat(check(exact, "x", "  ").extracted()).isNull();
        assertThatThrownBy(() -> exact.prepare(" . ", Map.of())).isInstanceOf(VerifierInputException.class);
    }
}
