package io.modomodo.api.mixture;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/studies/{id}/fits/{fitId}}: a stored fit with the ids of the runs it was
 * computed from, in posting order.
 */
public record StoredFitResponse(UUID id, String model, int n, CrossValidationResult cv, Coefficients coefficients,
        List<UUID> runIds, Instant createdAt) {
}
