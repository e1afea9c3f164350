package io.modomodo.trainer.launch.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The job table as the launcher sees it, in memory: the launcher's tests need a table whose rows they can
 * set (as a Job's pod would, ending its job) and read back.
 */
final class InMemoryJobStore implements TrainingJobStore {

    record Row(LaunchRequest request, String status, String error, boolean cancelRequested) {

        Row(LaunchRequest request, String status, String error) {
            this(request, status, error, false);
        }
    }

    private final Map<UUID, Row> rows = new LinkedHashMap<>();

    synchronized void running(LaunchRequest request) {
        rows.put(request.jobId(), new Row(request, "RUNNING", null));
    }

    synchronized void end(UUID id, String status) {
        Row row = rows.get(id);
        rows.put(id, new Row(row.request(), status, row.error()));
    }

    synchronized void requestCancel(UUID id) {
        Row row = rows.get(id);
        rows.put(id, new Row(row.request(), row.status(), row.error(), true));
    }

    synchronized Row row(UUID id) {
        return rows.get(id);
    }

    @Override
    public synchronized List<LaunchRequest> unfinished() {
        List<LaunchRequest> unfinished = new ArrayList<>();
        for (Row row : rows.values()) {
            if (row.status().equals("RUNNING") || row.status().equals("QUEUED")) {
                unfinished.add(row.request());
            }
        }
        return unfinished;
    }

    @Override
    public synchronized boolean isCancelled(UUID jobId) {
        Row row = rows.get(jobId);
        return row != null && (row.cancelRequested() || row.status().equals("CANCELLED"));
    }

    @Override
    public synchronized boolean endCancelled(UUID jobId) {
        Row row = rows.get(jobId);
        if (row == null || !(row.status().equals("RUNNING") || row.status().equals("QUEUED"))) {
            return false;
        }
        rows.put(jobId, new Row(row.request(), "CANCELLED", null, true));
        return true;
    }

    @Override
    public synchronized boolean fail(UUID jobId, String reason) {
        Row row = rows.get(jobId);
        if (row == null || !(row.status().equals("RUNNING") || row.status().equals("QUEUED"))) {
            return false;
        }
        rows.put(jobId, new Row(row.request(), "FAILED", reason));
        return true;
    }
}
