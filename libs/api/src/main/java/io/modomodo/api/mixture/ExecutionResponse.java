package io.modomodo.api.mixture;

import java.time.Instant;
import java.util.UUID;

/**
 * A managed study execution.
 *
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED} or {@code CANCELLED}
 * @param phase {@code pilot}, {@code explore-<round>}, {@code final} or {@code done}
 * @param detail what it waits for now (the trainer unreachable, a retry, …)
 * @param spec the request with the preset and defaults filled in
 * @param etaSeconds remaining time estimated from the durations of its finished jobs; null before one finished
 * @param error why it failed, naming the failed job's slot and trainer id
 * @param surrogate the model the proposal came from (the CV winner when {@code auto})
 * @param proposal the proposed mixture with its predicted objective, once fitted
 */
public record ExecutionResponse(UUID id, UUID studyId, String status, String phase, String detail,
        ExecutionRequest spec, ExecutionJobs jobs, Long etaSeconds, String error, String surrogate,
        UUID proposalId, ProposedMixture proposal, Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
