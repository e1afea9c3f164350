package io.modomodo.api.mixture;

import java.util.List;

/** {@code GET /api/v1/studies/{id}/runs?page=&size=}: runs in the order they were posted. */
public record RunPageResponse(List<RunResponse> runs, int page, int size, long total) {
}
