package io.modomodo.api.mixture;

import java.util.List;

/** {@code GET /api/v1/studies}: every study, newest first. */
public record StudyListResponse(List<StudyResponse> studies) {
}
