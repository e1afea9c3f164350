package io.modomodo.trainer.repository;

import java.util.Set;

/** The states of a job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED. */
public final class JobStatus {

    public static final String QUEUED = "QUEUED";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final Set<String> ALL = Set.of(QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED);

    private JobStatus() {
    }

    public static boolean isFinal(String status) {
        return SUCCEEDED.equals(status) || FAILED.equals(status) || CANCELLED.equals(status);
    }
}
