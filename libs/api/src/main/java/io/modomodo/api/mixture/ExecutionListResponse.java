package io.modomodo.api.mixture;

import java.util.List;

/** {@code GET /api/v1/studies/{id}/executions}, newest first. */
public record ExecutionListResponse(List<ExecutionResponse> executions) {
}
