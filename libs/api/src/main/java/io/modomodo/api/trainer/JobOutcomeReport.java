package io.modomodo.api.trainer;

/**
 * {@code POST /api/v1/jobs/{id}/outcome}: how an external trainer's job ended. Posting the same report again
 * answers the same job (a retried pod may post twice); a different end after the first is a conflict.
 *
 * @param status {@code SUCCEEDED} (with {@code outcome}) or {@code FAILED} (with {@code error})
 * @param outcome the last evaluation, when SUCCEEDED
 * @param error why the job failed, as a sentence, when FAILED
 */
public record JobOutcomeReport(String status, JobOutcome outcome, String error) {
}
