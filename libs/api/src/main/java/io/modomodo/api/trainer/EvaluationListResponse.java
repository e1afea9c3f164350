package io.modomodo.api.trainer;

import java.util.List;

/** {@code GET /api/v1/jobs/{id}/evaluations}, by step. */
public record EvaluationListResponse(List<EvaluationResponse> evaluations) {
}
