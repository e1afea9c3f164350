package io.modomodo.api.rollout;

/** What a rollout request cost: tokens read and generated, and the seconds spent on it in the service. */
public record RolloutStats(long promptTokens, long completionTokens, double seconds) {
}
