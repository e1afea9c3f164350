package io.modomodo.api.rollout;

import java.util.List;

/**
 * {@code POST /api/v1/rollouts}: sample {@code samplesPerPrompt} completions for each prompt.
 *
 * @param policy the policy version to sample from
 * @param prompts the prompts, at least one
 * @param samplesPerPrompt completions per prompt (the GRPO group size; default 1)
 * @param sampling sampling settings
 */
public record RolloutRequest(PolicyRef policy, List<RolloutPrompt> prompts, Integer samplesPerPrompt,
        SamplingParams sampling) {
}
