package io.modomodo.trainer.repository;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.JobOutcome;

/** A job as stored; the web layer maps it to {@code JobResponse}. */
public record JobRow(UUID id, String name, String externalId, String status, String detail, int step, int steps,
        CreateJobRequest spec, Map<String, String> labels, Instant createdAt, Instant startedAt, Instant finishedAt,
        Instant updatedAt, String error, boolean cancelRequested, String leaseOwner, int claims,
        Long checkpointVersion, Integer checkpointStep, String weightsSha256, JobOutcome outcome) {

    public boolean finished() {
        return JobStatus.isFinal(status);
    }
}
