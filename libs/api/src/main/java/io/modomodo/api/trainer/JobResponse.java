package io.modomodo.api.trainer;

import java.time.Instant;
import java.util.UUID;

/**
 * A training job.
 *
 * @param status {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}
 * @param detail what a running job is doing or waiting for ("waiting for reward-service: retry 3 in 8 s")
 * @param spec the request with every default filled in
 * @param error why the job failed, as a sentence
 * @param outcome when SUCCEEDED: the last evaluation
 */
public record JobResponse(UUID id, String name, String externalId, String status, String detail, int step, int steps,
        CreateJobRequest spec, Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt,
        String error, CheckpointInfo latestCheckpoint, JobOutcome outcome) {
}
