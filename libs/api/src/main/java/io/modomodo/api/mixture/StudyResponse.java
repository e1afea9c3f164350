package io.modomodo.api.mixture;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A study; {@code bounds} lists only the bounded domains, each with both min and max filled in. */
public record StudyResponse(UUID id, String name, List<String> domains, Map<String, DomainBound> bounds,
        Instant createdAt) {
}
