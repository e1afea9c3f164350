package io.modomodo.api.reward;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One response to score.
 *
 * @param id       the caller's identifier, echoed in the result
 * @param verifier verifier name ({@code choice}, {@code number}, {@code math}, {@code iou}, {@code yes_no}, {@code exact})
 * @param response the model's full response
 * @param answer   the gold answer: a string, or for {@code iou} an array of four numbers
 * @param params   verifier parameters (optional)
 */
public record ScoreItem(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String id,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"choice", "number", "math", "iou", "yes_no", "exact"}) String verifier,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String response, Object answer, Map<String, Object> params) {
}
