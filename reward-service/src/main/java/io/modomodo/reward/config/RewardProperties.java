package io.modomodo.reward.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of the reward-service ({@code modomodo.reward.*}, or {@code MODOMODO_REWARD_*}). */
@Validated
@ConfigurationProperties(prefix = "modomodo.reward")
public record RewardProperties(@NotNull @Valid Limits limits) {

    /** Request limits: a scoring request beyond them is refused with 413, never half-scored. */
    public record Limits(@Positive @Max(1_000_000) int maxItems, @Positive int maxResponseBytes,
            @Positive long maxBodyBytes) {
    }
}
