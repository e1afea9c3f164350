package io.modomodo.api.trainer;

import java.util.List;

/** {@code GET /api/v1/jobs?status=&label=&page=&size=}, newest first. */
public record JobPageResponse(List<JobResponse> jobs, int page, int size, long total) {
}
