package io.modomodo.api.reward;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A batch to score. {@code template} defaults to {@code think-answer}, {@code weights} to 1.0 and 1.0.
 *
 * @param template response template: {@code think-answer}, {@code answer} or {@code none}
 * @param weights  weights of the format and accuracy components
 * @param items    the responses to score, answered in the same order
 */
public record ScoreRequest(
        @Schema(allowableValues = {"think-answer", "answer", "none"}, defaultValue = "think-answer") String template,
        RewardWeights weights, @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ScoreItem> items) {
}
