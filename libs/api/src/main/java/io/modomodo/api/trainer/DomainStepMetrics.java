package io.modomodo.api.trainer;

/** One domain's share of a step: items drawn, mean reward, accuracy and format rate of their completions. */
public record DomainStepMetrics(int prompts, double rewardMean, double accuracy, double formatRate) {
}
