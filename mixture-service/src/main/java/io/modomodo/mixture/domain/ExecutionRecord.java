package io.modomodo.mixture.domain;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code execution}: jsonb columns as JSON text. */
public record ExecutionRecord(UUID id, UUID studyId, String status, String phase, String detail, String specJson,
        String error, String surrogate, String fitsJson, UUID proposalId, String proposalJson, Instant createdAt,
        Instant updatedAt, Instant finishedAt) {

    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    public boolean running() {
        return RUNNING.equals(status);
    }
}
