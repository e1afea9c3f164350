package io.modomodo.mixture.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.mixtures.surrogate.SurrogateModel;

/** The work bounds that keep a fit within seconds (leave-one-out at 561 parameters took 84 s). */
class FitWorkLimitTest {

    @Test
    void leaveOneOutOnTheLargestQuadraticIsRefusedNamingFolds() {
        assertThatThrownBy(() -> SurrogateService.requireFoldWork(SurrogateModel.QUADRATIC, 561, 600))
                .isInstanceOfSatisfying(LimitExceededException.class, ex -> {
                    assertThat(ex.field()).isEqualTo("folds");
                    assertThat(ex.getMessage()).contains("at most 22 folds");
                });
        SurrogateService.requireFoldWork(SurrogateModel.QUADRATIC, 561, 22);
        SurrogateService.requireFoldWork(SurrogateModel.QUADRATIC, 15, 10_000);
    }

    @Test
    void runsPerFitShrinkWithTheSquareOfTheParameters() {
        assertThat(SurrogateService.maxRuns(561)).isEqualTo(3177);
        assertThat(SurrogateService.maxRuns(64)).isEqualTo(244_140);
    }
}
