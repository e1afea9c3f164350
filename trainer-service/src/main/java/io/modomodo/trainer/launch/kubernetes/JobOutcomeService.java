package io.modomodo.trainer.launch.kubernetes;

import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.modomodo.api.problem.ConflictException;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.trainer.JobOutcomeReport;
import io.modomodo.api.trainer.JobResponse;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.repository.JobRow;
import io.modomodo.trainer.repository.JobStatus;
import io.modomodo.trainer.service.JobService;

/**
 * Ends an external trainer's job with the outcome it reports. Only a job that names a Job template takes one:
 * the trainer's own jobs record their end themselves.
 */
@Service
public class JobOutcomeService {

    private final JobRepository jobs;
    private final KubernetesJobTable table;
    private final JobService service;

    public JobOutcomeService(JobRepository jobs, KubernetesJobTable table, JobService service) {
        this.jobs = jobs;
        this.table = table;
        this.service = service;
    }

    public JobResponse report(UUID id, JobOutcomeReport report) {
        if (report == null) {
            throw new InvalidRequestException("status", "give status SUCCEEDED with an outcome, or FAILED with an error");
        }
        if (!JobStatus.SUCCEEDED.equals(report.status()) && !JobStatus.FAILED.equals(report.status())) {
            throw new InvalidRequestException("status", "must be SUCCEEDED or FAILED");
        }
        if (JobStatus.SUCCEEDED.equals(report.status()) && report.outcome() == null) {
            throw new InvalidRequestException("outcome", "is required when status is SUCCEEDED");
        }
        if (JobStatus.FAILED.equals(report.status()) && (report.error() == null || report.error().isBlank())) {
            throw new InvalidRequestException("error", "is required when status is FAILED");
        }
        if (JobStatus.FAILED.equals(report.status()) && report.outcome() != null) {
            throw new InvalidRequestException("outcome", "must be absent when status is FAILED");
        }
        JobRow row = jobs.find(id).orElseThrow(() -> new NotFoundException("job", id));
        if (row.labels() == null || row.labels().get(KubernetesJobTable.TEMPLATE_LABEL) == null) {
            throw new ConflictException("job " + id + " is trained by the trainer itself, which records its end; "
                    + "only a job run from a Job template (label '" + KubernetesJobTable.TEMPLATE_LABEL
                    + "') takes an outcome");
        }
        String error = JobStatus.FAILED.equals(report.status()) ? report.error() : null;
        if (!row.finished()) {
            table.end(id, report.status(), error, report.outcome());
            row = jobs.find(id).orElseThrow(() -> new NotFoundException("job", id));
        }
        boolean same = report.status().equals(row.status()) && Objects.equals(error, row.error())
                && Objects.equals(report.outcome(), row.outcome());
        if (!same) {
            throw new ConflictException("job " + id + " has already ended as " + row.status()
                    + "; a report can repeat that end, not change it");
        }
        return service.response(row);
    }
}
