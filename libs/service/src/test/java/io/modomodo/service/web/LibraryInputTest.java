package io.modomodo.service.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.policy.generate.SamplingOptions;

class LibraryInputTest {

    static final Map<String, String> SAMPLING = Map.of("temperature", "sampling.temperature", "topP",
            "sampling.topP", "stopStrings", "sampling.stop");

    @Test
    void namesTheRequestFieldOfTheParameterTheLibraryRefused() {
        assertThatThrownBy(() -> LibraryInput.check("sampling", SAMPLING,
                () -> new SamplingOptions(1.0, 2.0, 8, List.of(), 1, true)))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                    assertThat(ex.field()).isEqualTo("sampling.topP");
                    assertThat(ex.getMessage()).isEqualTo("sampling.topP must be in (0, 1], got 2.0");
                });
    }

    @Test
    void fallsBackToTheGivenFieldForAnUnmappedParameter() {
        assertThatThrownBy(() -> LibraryInput.check("sampling", SAMPLING,
                () -> new SamplingOptions(1.0, 1.0, 0, List.of(), 1, true)))
                .isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
                    assertThat(ex.field()).isEqualTo("sampling");
                    assertThat(ex.getMessage()).isEqualTo("sampling: maxNewTokens must be at least 1, got 0");
                });
    }

    @Test
    void returnsTheValueWhenTheLibraryAccepts() {
        assertThat(LibraryInput.check("n", () -> 3)).isEqualTo(3);
    }

    @Test
    void leavesOtherExceptionsAlone() {
        assertThatThrownBy(() -> LibraryInput.run("x", () -> {
            throw new IllegalStateException("a bug");
        })).isExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void mapsAColonAfterTheParameterName() {
        assertThatThrownBy(() -> LibraryInput.check("policy", Map.of("name", "policy.name"), () -> {
            throw new IllegalArgumentException("name: not a policy");
        })).isInstanceOfSatisfying(InvalidRequestException.class, ex -> {
            assertThat(ex.field()).isEqualTo("policy.name");
            assertThat(ex.getMessage()).isEqualTo("policy.name not a policy");
        });
    }
}
