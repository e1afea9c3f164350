package io.modomodo.api.mixture;

import java.util.List;

/** {@code GET /api/v1/studies/{id}/fits?page=&size=}: stored fits, newest first. */
public record FitPageResponse(List<StoredFitResponse> fits, int page, int size, long total) {
}
