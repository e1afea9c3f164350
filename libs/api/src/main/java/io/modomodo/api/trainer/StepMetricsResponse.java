package io.modomodo.api.trainer;

import java.util.List;

/** {@code GET /api/v1/jobs/{id}/metrics?from=&to=}. */
public record StepMetricsResponse(List<StepMetrics> steps) {
}
