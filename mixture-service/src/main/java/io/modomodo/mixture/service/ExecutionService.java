package io.modomodo.mixture.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.api.mixture.ExecutionJobs;
import io.modomodo.api.mixture.ExecutionListResponse;
import io.modomodo.api.mixture.ExecutionRequest;
import io.modomodo.api.mixture.ExecutionResponse;
import io.modomodo.api.mixture.ProposedMixture;
import io.modomodo.api.problem.ConflictException;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.mixture.domain.ExecutionJobRecord;
import io.modomodo.mixture.domain.ExecutionRecord;
import io.modomodo.mixture.repository.ExecutionRepository;
import tools.jackson.core.type.TypeReference;

/** Starts, reads and cancels managed executions; {@link ExecutionOrchestrator} drives them. */
@Service
public class ExecutionService {

    private final StudyService studies;
    private final ExecutionPlanner planner;
    private final ExecutionRepository repository;
    private final ExecutionOrchestrator orchestrator;
    private final JsonCodec json;
    private final MeterRegistry registry;

    public ExecutionService(StudyService studies, ExecutionPlanner planner, ExecutionRepository repository,
            ExecutionOrchestrator orchestrator, JsonCodec json, MeterRegistry registry) {
        this.studies = studies;
        this.planner = planner;
        this.repository = repository;
        this.orchestrator = orchestrator;
        this.json = json;
        this.registry = registry;
    }

    /** Plans the pilot and stores the execution; the orchestrator picks it up on its next pass. */
    @Transactional
    public ExecutionResponse start(String studyId, ExecutionRequest request) {
        Study study = studies.require(studyId);
        ExecutionRequest spec = planner.resolve(study, request);
        List<double[]> pilots = planner.pilots(study, spec);
        if (pilots.size() < spec.pilot().count()) {
            throw new InvalidRequestException("pilot.count", "the study's bounds leave only " + pilots.size()
                    + " distinct pilot mixtures of the " + spec.pilot().count() + " asked for");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ExecutionRecord execution = new ExecutionRecord(UUID.randomUUID(), study.id(), ExecutionRecord.RUNNING, "pilot",
                null, json.write(spec), null, null, "{}", null, null, now, now, null);
        repository.insert(execution);
        List<ExecutionJobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < pilots.size(); i++) {
            jobs.add(new ExecutionJobRecord(execution.id(), String.format("pilot-%02d", i), i, "pilot", "pilot",
                    spec.training().seed(), json.write(study.toWeights(pilots.get(i))), 1, ExecutionJobRecord.PLANNED,
                    null, null, null, null, null, null, null));
        }
        repository.insertJobs(jobs);
        registry.counter("modomodo.mixture.executions", "outcome", "started").increment();
        return toResponse(execution, jobs);
    }

    @Transactional(readOnly = true)
    public ExecutionResponse get(String studyId, String executionId) {
        ExecutionRecord execution = require(studyId, executionId);
        return toResponse(execution, repository.jobs(execution.id()));
    }

    @Transactional(readOnly = true)
    public ExecutionListResponse list(String studyId) {
        Study study = studies.require(studyId);
        return new ExecutionListResponse(repository.byStudy(study.id()).stream()
                .map(e -> toResponse(e, repository.jobs(e.id()))).toList());
    }

    /**
     * Cancels a running execution: nothing more is submitted and its jobs on the trainer are cancelled
     * (now if the trainer answers, else by the next passes). Cancelling a cancelled one is a no-op; an
     * execution that ended otherwise is a conflict.
     */
    public ExecutionResponse cancel(String studyId, String executionId) {
        ExecutionRecord execution = require(studyId, executionId);
        if (execution.running()) {
            if (repository.finish(execution.id(), ExecutionRecord.CANCELLED, null, null, "cancelled by request")) {
                registry.counter("modomodo.mixture.executions", "outcome", "cancelled").increment();
            }
            execution = repository.find(execution.id()).orElseThrow();
        }
        if (!ExecutionRecord.CANCELLED.equals(execution.status())) {
            throw new ConflictException("the execution has ended already: " + execution.status());
        }
        orchestrator.cancelInFlight(execution.id());
        return get(studyId, executionId);
    }

    ExecutionRecord require(String studyId, String executionId) {
        Study study = studies.require(studyId);
        UUID id;
        try {
            id = UUID.fromString(executionId);
        }
        catch (IllegalArgumentException notUuid) {
            throw new NotFoundException("execution", executionId);
        }
        return repository.find(study.id(), id).orElseThrow(() -> new NotFoundException("execution", executionId));
    }

    /** The latest execution of the study, or 404. */
    ExecutionRecord latest(String studyId) {
        Study study = studies.require(studyId);
        return repository.byStudy(study.id()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("execution", "of study " + studyId));
    }

    ExecutionRequest spec(ExecutionRecord execution) {
        return json.read(execution.specJson(), new TypeReference<ExecutionRequest>() { });
    }

    ExecutionResponse toResponse(ExecutionRecord e, List<ExecutionJobRecord> jobs) {
        ExecutionRequest spec = spec(e);
        int submitted = 0;
        int finished = 0;
        int running = 0;
        int retried = 0;
        Duration total = Duration.ZERO;
        int timed = 0;
        for (ExecutionJobRecord j : jobs) {
            retried += j.attempt() - 1;
            submitted += j.attempt() - 1 + (j.jobId() != null ? 1 : 0);
            if (ExecutionJobRecord.SUCCEEDED.equals(j.status())) {
                finished++;
                if (j.submittedAt() != null && j.finishedAt() != null) {
                    total = total.plus(Duration.between(j.submittedAt(), j.finishedAt()));
                    timed++;
                }
            }
            else if (ExecutionJobRecord.SUBMITTED.equals(j.status())) {
                running++;
            }
        }
        boolean active = e.running();
        int planned = jobs.size() + (active ? ExecutionPlanner.jobsAfter(spec, e.phase()) : 0);
        Long eta = null;
        if (!active) {
            eta = 0L;
        }
        else if (timed > 0) {
            double perJob = total.toMillis() / 1000.0 / timed;
            int rounds = (int) Math.ceil((planned - finished) / (double) spec.parallelJobs());
            eta = Math.round(rounds * perJob);
        }
        ProposedMixture proposal = e.proposalJson() == null ? null
                : json.read(e.proposalJson(), new TypeReference<ProposedMixture>() { });
        return new ExecutionResponse(e.id(), e.studyId(), e.status(), e.phase(), e.detail(), spec,
                new ExecutionJobs(planned, submitted, finished, running, retried), eta, e.error(), e.surrogate(),
                e.proposalId(), proposal, e.createdAt(), e.updatedAt(), e.finishedAt());
    }
}
