package io.modomodo.mixture.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code execution_job}: one job slot of an execution, its current attempt and, once done,
 * the trainer's outcome (and step-0 evaluation, {@code baseJson}) as JSON text.
 *
 * @param arm {@code pilot}, {@code explore}, {@code proposal} or a baseline's name
 */
public record ExecutionJobRecord(UUID executionId, String slot, int seq, String phase, String arm, long seed,
        String weightsJson, int attempt, String status, UUID jobId, String outcomeJson, String baseJson, UUID runId,
        String error, Instant submittedAt, Instant finishedAt) {

    public static final String PLANNED = "PLANNED";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    /** The trainer's {@code externalId} of this attempt: the same after any restart, new for a retry. */
    public String externalId() {
        return "modomodo-" + executionId + "-" + slot + "-a" + attempt;
    }
}
