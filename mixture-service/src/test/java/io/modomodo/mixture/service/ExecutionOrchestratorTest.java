package io.modomodo.mixture.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modomodo.api.mixture.StudyReportResponse.FitQuality;
import io.modomodo.api.trainer.BenchmarkScore;
import io.modomodo.api.trainer.JobOutcome;

class ExecutionOrchestratorTest {

    @Test
    void autoChoosesTheSurrogateWithTheBetterCrossValidatedR2() {
        FitQuality good = new FitQuality(UUID.randomUUID(), 8, 0.9, 0.1, 0.9, List.of());
        FitQuality poor = new FitQuality(UUID.randomUUID(), 8, 0.2, 0.3, 0.4, List.of());
        assertThat(ExecutionOrchestrator.choose("auto", Map.of("quadratic", good, "linear", poor))).isEqualTo("quadratic");
        assertThat(ExecutionOrchestrator.choose("auto", Map.of("quadratic", poor, "linear", good))).isEqualTo("linear");
        assertThat(ExecutionOrchestrator.choose("auto", Map.of("linear", poor))).isEqualTo("linear");
        assertThat(ExecutionOrchestrator.choose("quadratic", Map.of("quadratic", poor, "linear", good)))
                .isEqualTo("quadratic");
    }

    @Test
    void theObjectiveIsOutScoreInScoreOrOneBenchmarksAccuracy() {
        JobOutcome outcome = new JobOutcome(3, Map.of("count", new BenchmarkScore(0.25, 1.2, 1.0, 8)), 0.4, 0.3);
        assertThat(ExecutionOrchestrator.objective(outcome, "outScore")).isEqualTo(0.3);
        assertThat(ExecutionOrchestrator.objective(outcome, "inScore")).isEqualTo(0.4);
        assertThat(ExecutionOrchestrator.objective(outcome, "count")).isEqualTo(0.25);
        assertThat(ExecutionOrchestrator.objective(outcome, "chartqa")).isNull();
    }
}
