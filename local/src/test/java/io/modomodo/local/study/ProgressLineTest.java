package io.modomodo.local.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProgressLineTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static JsonNode execution(String text) {
        return json.readTree(text);
    }

    @Test
    void showsPhaseJobStepEtaAndTheBarFromFinishedJobsPlusTheRunningJobsSteps() {
        JsonNode running = execution("""
                {"status": "RUNNING", "phase": "PILOT", "etaSeconds": 370, "currentJob": {"step": 10, "steps": 40},
                 "jobs": {"planned": 8, "submitted": 3, "finished": 2, "running": 1, "retried": 0}}""");

        String line = ProgressLine.render(running, Duration.ofSeconds(182));

        // (2 + 10/40) / 8 = 28.1 % of 24 cells = 7 cells
        assertThat(line).isEqualTo("[#######-----------------]  28%  pilot | job 3 of 8 | step 10/40 | ETA 6m 10s | 3m 02s");
    }

    @Test
    void readsFlatJobCountsAndTopLevelStepsToo() {
        JsonNode running = execution("""
                {"status": "RUNNING", "phase": "final", "jobsSubmitted": 5, "jobsFinished": 4, "jobsPlanned": 5,
                 "step": 3, "steps": 12}""");

        assertThat(ProgressLine.render(running, Duration.ofSeconds(5))).contains("job 5 of 5 | step 3/12 | 5s");
    }

    @Test
    void leavesOutWhatTheExecutionDoesNotSay() {
        JsonNode starting = execution("""
                {"status": "RUNNING", "phase": "pilot", "jobsSubmitted": 0, "jobsFinished": 0}""");

        assertThat(ProgressLine.render(starting, Duration.ZERO)).isEqualTo("[------------------------]   0%  pilot | 0s");
    }

    @Test
    void betweenJobsCountsTheFinishedOnesAndShowsNoStep() {
        JsonNode fitting = execution("""
                {"status": "RUNNING", "phase": "fit", "jobs": {"planned": 10, "submitted": 7, "finished": 7, "running": 0},
                 "currentJob": {"step": 40, "steps": 40}, "etaSeconds": 3700}""");

        assertThat(ProgressLine.render(fitting, Duration.ofMinutes(61)))
                .isEqualTo("[#################-------]  70%  fit | job 7 of 10 | ETA 1h 01m | 1h 01m");
    }

    @Test
    void twoJobsInFlightShowTheNextJobIndex() {
        JsonNode parallel = execution("""
                {"status": "RUNNING", "phase": "final", "jobs": {"planned": 6, "submitted": 4, "finished": 2, "running": 2}}""");

        assertThat(ProgressLine.render(parallel, Duration.ofSeconds(3))).contains("final | job 3 of 6 | 3s");
    }

    @Test
    void aSucceededExecutionFillsTheBarAndSaysSo() {
        JsonNode done = execution("""
                {"status": "SUCCEEDED", "phase": "done", "jobsSubmitted": 9, "jobsFinished": 9, "jobsPlanned": 9,
                 "etaSeconds": 0}""");

        assertThat(ProgressLine.render(done, Duration.ofSeconds(75)))
                .isEqualTo("[########################] 100%  done | job 9 of 9 | succeeded | 1m 15s");
    }

    @Test
    void aFailedExecutionSaysFailedInsteadOfAnEta() {
        JsonNode failed = execution("""
                {"status": "FAILED", "phase": "pilot", "jobsSubmitted": 2, "jobsFinished": 1, "jobsPlanned": 4,
                 "etaSeconds": 100, "error": "job x failed twice"}""");

        assertThat(ProgressLine.render(failed, Duration.ofSeconds(1))).endsWith("| failed | 1s").doesNotContain("ETA");
    }

    @Test
    void milestonesChangeWithPhaseAndJobCountsButNotWithStepsOrEta() {
        JsonNode a = execution("""
                {"status": "RUNNING", "phase": "pilot", "jobsSubmitted": 3, "jobsFinished": 2, "etaSeconds": 10,
                 "currentJob": {"step": 1}}""");
        JsonNode b = execution("""
                {"status": "RUNNING", "phase": "pilot", "jobsSubmitted": 3, "jobsFinished": 2, "etaSeconds": 5,
                 "currentJob": {"step": 9}}""");
        JsonNode c = execution("""
                {"status": "RUNNING", "phase": "pilot", "jobsSubmitted": 3, "jobsFinished": 3}""");

        assertThat(ProgressLine.milestone(a)).isEqualTo(ProgressLine.milestone(b)).isNotEqualTo(ProgressLine.milestone(c));
    }
}
