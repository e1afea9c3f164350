package io.modomodo.api.mixture;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/studies/{id}/proposals/{proposalId}}: a stored proposal set, the fit behind it
 * and the ids of the runs that fit saw, in posting order.
 */
public record StoredProposalResponse(UUID id, UUID fitId, String model, String strategy,
        List<ProposedMixture> proposals, List<UUID> runIds, Instant createdAt) {
}
