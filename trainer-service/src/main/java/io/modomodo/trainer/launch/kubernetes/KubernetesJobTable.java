package io.modomodo.trainer.launch.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

import io.modomodo.api.trainer.JobOutcome;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.repository.JobRow;
import io.modomodo.trainer.repository.JobStatus;

/**
 * The job table as the kubernetes launcher needs it. With this launcher every queued or running job has (or
 * must get) a Job; the Job's pod claims the row with its lease and ends it, unless the reconciler ends it
 * first (its Job failed or vanished too often, or it was cancelled) or an external trainer posts its outcome.
 * Every end here is conditional on the job not having ended, so the first end wins.
 */
@Repository
public class KubernetesJobTable implements TrainingJobStore {

    /** The job label naming a study (set by the mixture-service's managed studies). */
    public static final String STUDY_LABEL = "study";
    /** The job label naming an external trainer's Job template. */
    public static final String TEMPLATE_LABEL = "template";

    private final JdbcTemplate jdbc;
    private final JobRepository jobs;
    private final JsonMapper json;

    public KubernetesJobTable(JdbcTemplate jdbc, JobRepository jobs, JsonMapper json) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.json = json;
    }

    @Override
    public List<LaunchRequest> unfinished() {
        List<LaunchRequest> requests = new ArrayList<>();
        for (UUID id : jdbc.queryForList("SELECT id FROM job WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at",
                UUID.class)) {
            jobs.find(id).filter(row -> !row.finished()).ifPresent(row -> requests.add(request(row)));
        }
        return requests;
    }

    /** What the launcher needs of one job, when it exists. */
    public Optional<LaunchRequest> request(UUID id) {
        return jobs.find(id).map(KubernetesJobTable::request);
    }

    static LaunchRequest request(JobRow row) {
        Long seed = row.spec() == null ? null : row.spec().seed();
        return new LaunchRequest(row.id(), row.labels() == null ? null : row.labels().get(STUDY_LABEL),
                row.spec() == null ? null : row.spec().mixture(), row.steps(), seed == null ? 0 : seed,
                row.labels() == null ? null : row.labels().get(TEMPLATE_LABEL));
    }

    @Override
    public boolean isCancelled(UUID jobId) {
        return jobs.find(jobId).map(row -> row.cancelRequested() || JobStatus.CANCELLED.equals(row.status()))
                .orElse(false);
    }

    @Override
    public boolean fail(UUID jobId, String reason) {
        return end(jobId, JobStatus.FAILED, reason, null);
    }

    @Override
    public boolean endCancelled(UUID jobId) {
        return end(jobId, JobStatus.CANCELLED, null, null);
    }

    /** Ends an unfinished job with {@code status}; whether this call ended it. */
    public boolean end(UUID jobId, String status, String error, JobOutcome outcome) {
        return jdbc.update("""
                UPDATE job SET status = ?, error = ?, outcome = ?::jsonb, detail = NULL, finished_at = now(),
                       updated_at = now(), lease_expires_at = NULL
                WHERE id = ? AND status IN ('QUEUED', 'RUNNING')""", status, error,
                outcome == null ? null : json.writeValueAsString(outcome), jobId) == 1;
    }
}
