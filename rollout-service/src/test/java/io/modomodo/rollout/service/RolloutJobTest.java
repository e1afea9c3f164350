package io.modomodo.rollout.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.service.policy.PolicyVersion;

class RolloutJobTest {

    static final PolicyVersion V1 = new PolicyVersion("base", 1);
    static final SamplingOptions SAMPLED = new SamplingOptions(1.0, 0.9, 16, List.of("</answer>"), 0, true);

    static RolloutJob job(int rows, int promptLength, SamplingOptions options, boolean seeded) {
        List<GenerationInput> inputs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            inputs.add(new GenerationInput(new float[3], new int[promptLength]));
        }
        return new RolloutJob(V1, null, inputs, options, seeded, 64);
    }

    @Test
    void unseededJobsWithTheSameSettingsShareACall() {
        RolloutJob head = job(4, 10, SAMPLED, false);
        assertThat(RolloutJob.canJoin(List.of(head), job(4, 12, SAMPLED.withSeed(99), false), 64)).isTrue();
        assertThat(RolloutJob.canJoin(List.of(head), job(4, 12, SAMPLED.withStopStrings(List.of()), false), 64))
                .isFalse();
        assertThat(RolloutJob.canJoin(List.of(head),
                job(4, 12, new SamplingOptions(0.7, 0.9, 16, List.of("</answer>"), 0, true), false), 64)).isFalse();
        assertThat(RolloutJob.canJoin(List.of(head),
                job(4, 12, new SamplingOptions(1.0, 0.9, 17, List.of("</answer>"), 0, true), false), 64)).isFalse();
    }

    @Test
    void seededJobsRunAloneSoTheirDrawsAreTheirOwn() {
        assertThat(RolloutJob.canJoin(List.of(job(1, 10, SAMPLED, true)), job(1, 10, SAMPLED, false), 64)).isFalse();
        assertThat(RolloutJob.canJoin(List.of(job(1, 10, SAMPLED, false)), job(1, 10, SAMPLED, true), 64)).isFalse();
    }

    @Test
    void greedyJobsWithoutSeedBatchToo() {
        SamplingOptions greedy = new SamplingOptions(0, 1, 16, List.of(), 1, true);
        assertThat(RolloutJob.canJoin(List.of(job(2, 10, greedy, false)), job(3, 20, greedy.withSeed(5), false), 64))
                .isTrue();
    }

    @Test
    void staysWithinTheSequenceCap() {
        RolloutJob head = job(30, 10, SAMPLED, false);
        assertThat(RolloutJob.canJoin(List.of(head), job(34, 10, SAMPLED, false), 64)).isTrue();
        assertThat(RolloutJob.canJoin(List.of(head), job(35, 10, SAMPLED, false), 64)).isFalse();
        assertThat(RolloutJob.canJoin(List.of(head, job(30, 10, SAMPLED, false)), job(5, 10, SAMPLED, false), 64))
                .isFalse();
    }

    @Test
    void neverShortensAMembersCompletionsThroughALongerPrompt() {
        // maxTextLength 64 and 16 new tokens: prompts up to 48 tokens leave full room.
        RolloutJob head = job(1, 10, SAMPLED, false);
        assertThat(RolloutJob.canJoin(List.of(head), job(1, 48, SAMPLED, false), 64)).isTrue();
        assertThat(RolloutJob.canJoin(List.of(head), job(1, 50, SAMPLED, false), 64))
                .as("a 50-token prompt would clamp the head to 14 new tokens").isFalse();
        assertThat(RolloutJob.canJoin(List.of(job(1, 50, SAMPLED, false)), job(1, 50, SAMPLED, false), 64))
                .as("the same clamp as alone").isTrue();
        assertThat(RolloutJob.canJoin(List.of(job(1, 50, SAMPLED, false)), job(1, 10, SAMPLED, false), 64))
                .as("the short one would be clamped by the long head").isFalse();
    }
}
