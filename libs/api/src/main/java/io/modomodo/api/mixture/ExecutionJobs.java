package io.modomodo.api.mixture;

/**
 * Job counts of an execution.
 *
 * @param planned every job the execution will train when no attempt fails
 * @param submitted jobs handed to the trainer so far (retries included)
 * @param finished jobs that succeeded
 * @param running jobs in flight now
 * @param retried attempts that failed and were submitted again
 */
public record ExecutionJobs(int planned, int submitted, int finished, int running, int retried) {
}
