package io.modomodo.trainer.service;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.trainer.CheckpointInfo;
import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.EvaluationResponse;
import io.modomodo.api.trainer.JobPageResponse;
import io.modomodo.api.trainer.JobResponse;
import io.modomodo.api.trainer.StepMetrics;
import io.modomodo.trainer.launch.JobLauncher;
import io.modomodo.trainer.repository.EvaluationRepository;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.repository.JobRow;
import io.modomodo.trainer.repository.JobStatus;
import io.modomodo.trainer.repository.StepRepository;

/** Submitting, reading and cancelling jobs; running them is the {@link JobLauncher}'s business. */
@Service
public class JobService {

    public static final int MAX_PAGE_SIZE = 500;

    private final JobRepository jobs;
    private final StepRepository steps;
    private final EvaluationRepository evaluations;
    private final JobSpecResolver resolver;
    private final JobLauncher launcher;

    public JobService(JobRepository jobs, StepRepository steps, EvaluationRepository evaluations,
            JobSpecResolver resolver, JobLauncher launcher) {
        this.jobs = jobs;
        this.steps = steps;
        this.evaluations = evaluations;
        this.resolver = resolver;
        this.launcher = launcher;
    }

    /** The job and whether this call created it (false: its externalId named an existing job). */
    public record Submitted(JobResponse job, boolean created) {
    }

    public Submitted submit(CreateJobRequest request) {
        if (request != null && request.externalId() != null) {
            // A retried submission gets the stored job back even if the defaults or the policies changed since.
            var existing = jobs.findByExternalId(request.externalId());
            if (existing.isPresent()) {
                return new Submitted(response(existing.get()), false);
            }
        }
        CreateJobRequest spec = resolver.resolve(request);
        JobRepository.Created created = jobs.insert(UUID.randomUUID(), spec);
        if (created.created()) {
            launcher.launch(created.job().id());
        }
        return new Submitted(response(created.job()), created.created());
    }

    public JobResponse get(UUID id) {
        return response(row(id));
    }

    public JobPageResponse page(String status, String label, int page, int size) {
        if (status != null && !JobStatus.ALL.contains(status)) {
            throw new InvalidRequestException("status", "status is one of " + new java.util.TreeSet<>(JobStatus.ALL));
        }
        if (page < 0) {
            throw new InvalidRequestException("page", "page must be >= 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException("size", "size must be in [1, " + MAX_PAGE_SIZE + "]");
        }
        String key = null;
        String value = null;
        if (label != null) {
            int eq = label.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRequestException("label", "label is key=value");
            }
            key = label.substring(0, eq);
            value = label.substring(eq + 1);
        }
        List<JobResponse> rows = jobs.page(status, key, value, page, size).stream().map(this::response).toList();
        return new JobPageResponse(rows, page, size, jobs.count(status, key, value));
    }

    public JobResponse cancel(UUID id) {
        row(id);
        JobRow row = jobs.requestCancel(id).orElseThrow(() -> new NotFoundException("job", id));
        launcher.cancel(id);
        return response(row);
    }

    public List<StepMetrics> metrics(UUID id, Integer from, Integer to) {
        row(id);
        int f = from == null ? 0 : from;
        int t = to == null ? Integer.MAX_VALUE : to;
        if (f < 0 || t < f) {
            throw new InvalidRequestException(t < f ? "to" : "from", "need 0 <= from <= to");
        }
        return steps.range(id, f, t);
    }

    public List<EvaluationResponse> evaluations(UUID id) {
        row(id);
        return evaluations.list(id);
    }

    private JobRow row(UUID id) {
        return jobs.find(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    public JobResponse response(JobRow row) {
        CheckpointInfo checkpoint = row.checkpointVersion() == null ? null
                : new CheckpointInfo(row.checkpointVersion(), row.checkpointStep(), row.weightsSha256());
        return new JobResponse(row.id(), row.name(), row.externalId(), row.status(), row.detail(), row.step(),
                row.steps(), row.spec(), row.createdAt(), row.startedAt(), row.finishedAt(), row.updatedAt(),
                row.error(), checkpoint, row.outcome());
    }
}
