package io.modomodo.api.trainer;

import java.util.Map;

import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.SamplingParams;

/**
 * {@code POST /api/v1/jobs}: an online GRPO job on a weighted mixture of domains. Every field but
 * {@code policy} and {@code mixture} has a default.
 *
 * @param externalId the caller's id; a repeated POST with the same one returns the existing job (200)
 * @param policy the base policy version to start from
 * @param mixture domain → weight over built-in domains and the datasets declared in {@code datasets}
 * @param datasets JSONL datasets by the domain name they take in the mixture
 * @param steps GRPO steps
 * @param promptsPerStep prompts drawn from the mixture per step
 * @param groupSize completions per prompt (G)
 * @param rewardWeights weight of each reward component ({@code format}, {@code accuracy})
 * @param seed seeds the sampler, the sampling and the update; a resumed job draws the same completions
 * @param labels free key → value tags, filterable in {@code GET /api/v1/jobs?label=key=value}
 * @param rolloutMode {@value #SYNC} (the default: step t samples with the weights of step t−1) or
 *     {@value #ONE_STEP_OFF} (step t+1 is sampled with the weights of step t−1 while step t updates, as verl's
 *     one-step-off recipe; the policy lag is 1 from step 2 on)
 */
public record CreateJobRequest(String name, String externalId, PolicyRef policy, Map<String, Double> mixture,
        Map<String, DatasetSpec> datasets, Integer steps, Integer promptsPerStep, Integer groupSize,
        SamplingParams sampling, GrpoSettings grpo, Map<String, Double> rewardWeights, EvalSpec eval,
        CheckpointSpec checkpoint, Long seed, Map<String, String> labels, String rolloutMode) {

    /** Each step samples with the weights the previous step published, and waits for its completions. */
    public static final String SYNC = "sync";

    /** The next step's completions are sampled while this step updates, one weight version behind. */
    public static final String ONE_STEP_OFF = "one-step-off";
}
