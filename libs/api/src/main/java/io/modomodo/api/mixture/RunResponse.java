package io.modomodo.api.mixture;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A stored run. */
public record RunResponse(UUID id, Map<String, Double> weights, Map<String, Double> scores, double score,
        String externalId, Instant createdAt) {
}
