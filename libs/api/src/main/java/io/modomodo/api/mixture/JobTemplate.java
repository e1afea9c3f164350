package io.modomodo.api.mixture;

import java.util.Map;

import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.api.trainer.CheckpointSpec;
import io.modomodo.api.trainer.DatasetSpec;
import io.modomodo.api.trainer.EvalSpec;
import io.modomodo.api.trainer.GrpoSettings;

/**
 * What every training job of a managed study shares: a trainer {@code CreateJobRequest} without the
 * mixture, name and external id, which the execution sets per job. Absent fields take the preset's
 * value, then the trainer's default.
 *
 * @param policy the base policy to train from (default: the service's {@code default-policy})
 * @param seed the pilots' seed; final seed k trains with {@code seed + k}
 * @param labels added to every job beside {@code study}, {@code execution} and {@code slot}
 * @param rolloutMode the trainer's {@code rolloutMode} for every job ({@code sync} or {@code one-step-off}; the
 *     trainer validates it)
 */
public record JobTemplate(PolicyRef policy, Map<String, DatasetSpec> datasets, Integer steps, Integer promptsPerStep,
        Integer groupSize, SamplingParams sampling, GrpoSettings grpo, Map<String, Double> rewardWeights,
        EvalSpec eval, CheckpointSpec checkpoint, Long seed, Map<String, String> labels, String rolloutMode) {
}
