package io.modomodo.api.mixture;

import java.util.List;

/** {@code GET /api/v1/studies/{id}/proposals?page=&size=}: stored proposal sets, newest first. */
public record ProposalPageResponse(List<StoredProposalResponse> proposals, int page, int size, long total) {
}
