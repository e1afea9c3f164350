package io.modomodo.mixture.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.api.client.TrainerClient;
import io.modomodo.api.mixture.ExecutionRequest;
import io.modomodo.api.mixture.FitRequest;
import io.modomodo.api.mixture.FitResponse;
import io.modomodo.api.mixture.JobTemplate;
import io.modomodo.api.mixture.ProposalRequest;
import io.modomodo.api.mixture.ProposalResponse;
import io.modomodo.api.mixture.ProposedMixture;
import io.modomodo.api.mixture.RunRequest;
import io.modomodo.api.mixture.StudyReportResponse.FitQuality;
import io.modomodo.api.mixture.StudyReportResponse.HeldOut;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.trainer.BenchmarkScore;
import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.EvaluationResponse;
import io.modomodo.api.trainer.JobOutcome;
import io.modomodo.api.trainer.JobResponse;
import io.modomodo.mixture.config.ExecutionProperties;
import io.modomodo.mixture.domain.ExecutionJobRecord;
import io.modomodo.mixture.domain.ExecutionRecord;
import io.modomodo.mixture.repository.ExecutionRepository;
import tools.jackson.core.type.TypeReference;

/**
 * Drives managed executions: a single scheduler thread per replica makes passes over the running
 * executions, each under a lease in PostgreSQL so two replicas never drive one. A pass polls the
 * execution's jobs on the trainer, records each finished one as a run of the study, submits planned
 * jobs up to the parallel limit, and when a phase is complete fits, proposes and plans the next.
 *
 * <p>Every step is safe to repeat after a crash: a job is submitted with an externalId derived from
 * (execution, slot, attempt), so resubmitting returns the job the trainer already has; a run is
 * recorded with the job id as its externalId; state changes are conditional updates.
 */
@Service
public class ExecutionOrchestrator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutionOrchestrator.class);

    /** A failed job is submitted once more; a second failure fails the execution. */
    static final int MAX_ATTEMPTS = 2;

    static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() { };

    private final String owner = UUID.randomUUID().toString();
    private final ExecutionRepository repository;
    private final TrainerClient trainer;
    private final StudyService studies;
    private final RunService runs;
    private final SurrogateService surrogates;
    private final ExecutionPlanner planner;
    private final ExecutionProperties properties;
    private final JsonCodec json;
    private final TransactionTemplate transactions;
    private final MeterRegistry registry;
    private volatile ScheduledExecutorService timer;

    public ExecutionOrchestrator(ExecutionRepository repository, TrainerClient trainer, StudyService studies,
            RunService runs, SurrogateService surrogates, ExecutionPlanner planner, ExecutionProperties properties,
            JsonCodec json, TransactionTemplate transactions, MeterRegistry registry) {
        this.repository = repository;
        this.trainer = trainer;
        this.studies = studies;
        this.runs = runs;
        this.surrogates = surrogates;
        this.planner = planner;
        this.properties = properties;
        this.json = json;
        this.transactions = transactions;
        this.registry = registry;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "executions");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pass, 0, properties.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops between two steps where it can and hands the leases back, so another replica carries on at once. */
    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t == null) {
            return;
        }
        t.shutdownNow();
        try {
            t.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        repository.releaseAll(owner);
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** One pass over every execution that needs work. Never throws: the next pass tries again. */
    void pass() {
        try {
            for (UUID id : repository.needingWork()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (repository.claim(id, owner, properties.lease())) {
                    step(id);
                }
            }
        }
        catch (RuntimeException ex) {
            log.warn("Execution pass failed; the next pass retries", ex);
        }
    }

    private record Context(ExecutionRecord execution, Study study, ExecutionRequest spec) {

        UUID id() {
            return execution.id();
        }
    }

    /** Signals that the trainer (or the gateway) cannot be reached now: nothing is decided, the next pass retries. */
    private static final class TrainerUnavailable extends RuntimeException {
        TrainerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Ends the execution as FAILED with this message. */
    private static final class ExecutionFailure extends RuntimeException {
        ExecutionFailure(String message) {
            super(message);
        }
    }

    void step(UUID id) {
        ExecutionRecord execution = repository.find(id).orElse(null);
        if (execution == null) {
            return;
        }
        if (!execution.running()) {
            cancelInFlight(id);
            return;
        }
        Context c = new Context(execution, studies.require(execution.studyId().toString()),
                json.read(execution.specJson(), new TypeReference<ExecutionRequest>() { }));
        try {
            poll(c);
            submit(c);
            advance(c);
            repository.detail(id, retryNote(repository.jobs(id)));
        }
        catch (TrainerUnavailable ex) {
            if (repository.detail(id, ex.getMessage() + "; retrying every " + properties.tick().toMillis() + " ms")) {
                log.info("Execution {}: {}", id, ex.getMessage(), ex.getCause());
            }
        }
        catch (ExecutionFailure ex) {
            fail(id, ex.getMessage());
        }
    }

    private void poll(Context c) {
        for (ExecutionJobRecord job : repository.jobs(c.id())) {
            if (!ExecutionJobRecord.SUBMITTED.equals(job.status())) {
                continue;
            }
            JobResponse response;
            try {
                response = trainer.job(job.jobId().toString());
            }
            catch (RestClientResponseException ex) {
                if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                    attemptFailed(c, job, "the trainer does not know job " + job.jobId());
                    continue;
                }
                if (isTransient(ex)) {
                    throw unavailable(ex);
                }
                attemptFailed(c, job, "the trainer answered " + problem(ex) + " for job " + job.jobId());
                continue;
            }
            catch (RestClientException ex) {
                throw unavailable(ex);
            }
            switch (response.status()) {
                case "SUCCEEDED" -> record(c, job, response);
                case "FAILED" -> attemptFailed(c, job, response.error() == null ? "failed" : response.error());
                case "CANCELLED" -> attemptFailed(c, job, "it was cancelled on the trainer");
                default -> { }
            }
        }
    }

    private void record(Context c, ExecutionJobRecord job, JobResponse response) {
        JobOutcome outcome = response.outcome();
        if (outcome == null || outcome.benchmarks() == null) {
            attemptFailed(c, job, "it succeeded without an outcome");
            return;
        }
        Double score = objective(outcome, c.spec().objective());
        if (score == null) {
            throw new ExecutionFailure("the objective '" + c.spec().objective() + "' is neither outScore, inScore nor "
                    + "a benchmark of job " + job.slot() + " (trainer job " + job.jobId() + "), whose benchmarks are "
                    + outcome.benchmarks().keySet());
        }
        EvaluationResponse base = null;
        if ("final".equals(job.phase())) {
            try {
                base = trainer.evaluations(job.jobId().toString()).evaluations().stream()
                        .filter(e -> e.step() == 0).findFirst().orElse(null);
            }
            catch (RestClientResponseException ex) {
                if (isTransient(ex)) {
                    throw unavailable(ex);
                }
                // No step-0 evaluation: the report shows no base policy for this seed.
            }
            catch (RestClientException ex) {
                throw unavailable(ex);
            }
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        outcome.benchmarks().forEach((name, b) -> scores.put(name, b.accuracy()));
        UUID runId;
        try {
            runId = runs.post(c.study().id().toString(), new RunRequest(json.read(job.weightsJson(), WEIGHTS), scores,
                    score, job.jobId().toString())).run().id();
        }
        catch (InvalidRequestException ex) {
            throw new ExecutionFailure("the outcome of job " + job.slot() + " (trainer job " + job.jobId()
                    + ") cannot be recorded as a run: " + ex.getMessage());
        }
        repository.succeeded(c.id(), job.slot(), job.attempt(), json.write(outcome),
                base == null ? null : json.write(base), runId, Instant.now());
        registry.counter("modomodo.mixture.execution.jobs", "outcome", "succeeded").increment();
    }

    static Double objective(JobOutcome outcome, String objective) {
        return switch (objective) {
            case "outScore" -> outcome.outScore();
            case "inScore" -> outcome.inScore();
            default -> {
                BenchmarkScore b = outcome.benchmarks().get(objective);
                yield b == null ? null : b.accuracy();
            }
        };
    }

    private void attemptFailed(Context c, ExecutionJobRecord job, String reason) {
        String which = job.jobId() == null ? "" : " (trainer job " + job.jobId() + ")";
        if (job.attempt() < MAX_ATTEMPTS) {
            log.info("Execution {}: job {}{} failed, retrying: {}", c.id(), job.slot(), which, reason);
            repository.retry(c.id(), job.slot(), job.attempt(), "attempt " + job.attempt() + which + ": " + reason);
            registry.counter("modomodo.mixture.execution.jobs", "outcome", "retried").increment();
            return;
        }
        repository.ended(c.id(), job.slot(), job.attempt(), ExecutionJobRecord.FAILED, reason);
        registry.counter("modomodo.mixture.execution.jobs", "outcome", "failed").increment();
        throw new ExecutionFailure("job " + job.slot() + which + " failed " + job.attempt() + " times; last: "
                + reason + (job.error() == null ? "" : "; before: " + job.error()));
    }

    private void submit(Context c) {
        List<ExecutionJobRecord> jobs = repository.jobs(c.id());
        long inFlight = jobs.stream().filter(j -> ExecutionJobRecord.SUBMITTED.equals(j.status())).count();
        for (ExecutionJobRecord job : jobs) {
            if (inFlight >= c.spec().parallelJobs()) {
                return;
            }
            if (!ExecutionJobRecord.PLANNED.equals(job.status())) {
                continue;
            }
            // A cancel may have landed since the pass began, and the lease must still be ours.
            if (!ExecutionRecord.RUNNING.equals(repository.status(c.id()))
                    || !repository.claim(c.id(), owner, properties.lease())) {
                return;
            }
            ResponseEntity<JobResponse> response;
            try {
                response = trainer.submitJob(jobRequest(c, job));
            }
            catch (RestClientResponseException ex) {
                if (isTransient(ex)) {
                    throw unavailable(ex);
                }
                attemptFailed(c, job, "the trainer refused it: " + problem(ex));
                continue;
            }
            catch (RestClientException ex) {
                throw unavailable(ex);
            }
            if (response.getBody() == null || response.getBody().id() == null) {
                throw new TrainerUnavailable("the trainer accepted job " + job.slot() + " without saying its id", null);
            }
            repository.submitted(c.id(), job.slot(), job.attempt(), response.getBody().id());
            registry.counter("modomodo.mixture.execution.jobs", "outcome", "submitted").increment();
            inFlight++;
        }
    }

    private CreateJobRequest jobRequest(Context c, ExecutionJobRecord job) {
        JobTemplate t = c.spec().training();
        Map<String, String> labels = new LinkedHashMap<>();
        if (t.labels() != null) {
            labels.putAll(t.labels());
        }
        labels.put("study", c.study().id().toString());
        labels.put("execution", c.id().toString());
        labels.put("slot", job.slot());
        // The trainer keeps names to 200 characters; a study name may use all of them.
        String study = c.study().name().length() > 150 ? c.study().name().substring(0, 150) : c.study().name();
        return new CreateJobRequest(study + " " + job.slot(), job.externalId(), t.policy(),
                json.read(job.weightsJson(), WEIGHTS), t.datasets(), t.steps(), t.promptsPerStep(), t.groupSize(),
                t.sampling(), t.grpo(), t.rewardWeights(), t.eval(), t.checkpoint(), job.seed(), labels, null);
    }

    private void advance(Context c) {
        List<ExecutionJobRecord> jobs = repository.jobs(c.id());
        boolean busy = jobs.stream().anyMatch(j -> ExecutionJobRecord.PLANNED.equals(j.status())
                || ExecutionJobRecord.SUBMITTED.equals(j.status()));
        if (busy) {
            return;
        }
        String phase = repository.find(c.id()).map(ExecutionRecord::phase).orElseThrow();
        if ("final".equals(phase)) {
            if (repository.finish(c.id(), ExecutionRecord.SUCCEEDED, "done", null, null)) {
                registry.counter("modomodo.mixture.executions", "outcome", "succeeded").increment();
                log.info("Execution {} succeeded", c.id());
            }
            return;
        }
        String studyId = c.study().id().toString();
        Map<String, FitQuality> fits = new LinkedHashMap<>();
        for (String model : List.of("quadratic", "linear")) {
            try {
                SurrogateService.FitWithHeldOut fitted = surrogates.fitWithHeldOut(studyId, new FitRequest(model, null));
                FitResponse fit = fitted.response();
                List<HeldOut> heldOut = new ArrayList<>();
                for (int i = 0; i < fitted.runIds().size(); i++) {
                    heldOut.add(new HeldOut(fitted.runIds().get(i), fitted.actual()[i], fitted.heldOut()[i]));
                }
                fits.put(model, new FitQuality(fit.id(), fit.n(), fit.cv().r2(), fit.cv().rmse(), fit.cv().spearman(),
                        heldOut));
            }
            catch (InvalidRequestException | LimitExceededException ex) {
                log.info("Execution {}: no {} fit: {}", c.id(), model, ex.getMessage());
            }
        }
        String chosen = choose(c.spec().surrogate(), fits);
        if (!fits.containsKey(chosen)) {
            throw new ExecutionFailure("the " + chosen + " surrogate cannot be fitted to the study's runs");
        }
        int round = phase.startsWith("explore-") ? Integer.parseInt(phase.substring("explore-".length())) : 0;
        JobTemplate t = c.spec().training();
        if (round < c.spec().rounds()) {
            ProposalResponse explore = propose(c, fits.get(chosen), "explore", c.spec().perRound());
            List<ExecutionJobRecord> planned = new ArrayList<>();
            for (int i = 0; i < explore.proposals().size(); i++) {
                planned.add(slot(c, String.format("explore-%d-%02d", round + 1, i), 1000 * (round + 1) + i,
                        "explore-" + (round + 1), "explore", t.seed(), explore.proposals().get(i).weights()));
            }
            if (!planned.isEmpty()) {
                plan(c, "explore-" + (round + 1), chosen, fits, null, null, planned);
                return;
            }
        }
        ProposalResponse best = propose(c, fits.get(chosen), "best", 1);
        ProposedMixture proposal = best.proposals().get(0);
        Map<String, Double> uniform = planner.uniform(c.study());
        List<ExecutionJobRecord> planned = new ArrayList<>();
        for (int s = 0; s < c.spec().finalRound().seeds(); s++) {
            planned.add(slot(c, "final-proposal-s" + s, 100_000 + 100 * s, "final", "proposal", t.seed() + s,
                    proposal.weights()));
            List<String> baselines = c.spec().finalRound().baselines();
            for (int b = 0; b < baselines.size(); b++) {
                planned.add(slot(c, "final-" + baselines.get(b) + "-s" + s, 100_000 + 100 * s + b + 1, "final",
                        baselines.get(b), t.seed() + s, uniform));
            }
        }
        plan(c, "final", chosen, fits, best.id(), proposal, planned);
    }

    static String choose(String surrogate, Map<String, FitQuality> fits) {
        if (!"auto".equals(surrogate)) {
            return surrogate;
        }
        FitQuality q = fits.get("quadratic");
        FitQuality l = fits.get("linear");
        return q != null && (l == null || q.r2() >= l.r2()) ? "quadratic" : "linear";
    }

    /** Proposes from the very fit the report shows, so the proposal and its CV quality belong together. */
    private ProposalResponse propose(Context c, FitQuality fit, String strategy, int count) {
        try {
            return surrogates.propose(c.study().id().toString(), new ProposalRequest(null, strategy, count, null, null,
                    fit.fitId().toString()));
        }
        catch (InvalidRequestException | LimitExceededException ex) {
            throw new ExecutionFailure("no " + strategy + " proposal from fit " + fit.fitId() + ": " + ex.getMessage());
        }
    }

    private ExecutionJobRecord slot(Context c, String slot, int seq, String phase, String arm, long seed,
            Map<String, Double> weights) {
        return new ExecutionJobRecord(c.id(), slot, seq, phase, arm, seed, json.write(weights), 1,
                ExecutionJobRecord.PLANNED, null, null, null, null, null, null, null);
    }

    private void plan(Context c, String phase, String surrogate, Map<String, FitQuality> fits, UUID proposalId,
            ProposedMixture proposal, List<ExecutionJobRecord> jobs) {
        transactions.executeWithoutResult(status -> {
            if (repository.advance(c.id(), phase, surrogate, json.write(fits), proposalId,
                    proposal == null ? null : json.write(proposal))) {
                repository.insertJobs(jobs);
            }
        });
        log.info("Execution {}: phase {} with {} jobs ({} surrogate)", c.id(), phase, jobs.size(), surrogate);
    }

    /** Fails a running execution and cancels what it still has on the trainer. */
    void fail(UUID id, String error) {
        log.warn("Execution {} failed: {}", id, error);
        if (repository.finish(id, ExecutionRecord.FAILED, null, error, null)) {
            registry.counter("modomodo.mixture.executions", "outcome", "failed").increment();
        }
        repository.dropPlanned(id);
        cancelInFlight(id);
    }

    /** Cancels the execution's jobs still on the trainer; a trainer that cannot be reached is tried next pass. */
    void cancelInFlight(UUID id) {
        repository.dropPlanned(id);
        for (ExecutionJobRecord job : repository.jobs(id)) {
            if (!ExecutionJobRecord.SUBMITTED.equals(job.status())) {
                continue;
            }
            try {
                trainer.cancel(job.jobId().toString());
            }
            catch (RestClientResponseException ex) {
                if (isTransient(ex)) {
                    log.info("Execution {}: cancelling job {} failed ({}), retrying", id, job.jobId(), ex.getStatusCode());
                    return;
                }
                // 404/409: the job is gone or already ended; nothing left to cancel.
            }
            catch (RestClientException ex) {
                log.info("Execution {}: cancelling job {} failed ({}), retrying", id, job.jobId(), ex.getMessage());
                return;
            }
            repository.ended(id, job.slot(), job.attempt(), ExecutionJobRecord.CANCELLED, null);
        }
    }

    private static String retryNote(List<ExecutionJobRecord> jobs) {
        return jobs.stream().filter(j -> j.attempt() > 1 && !ExecutionJobRecord.SUCCEEDED.equals(j.status())
                        && j.error() != null)
                .map(j -> "retrying job " + j.slot() + " after " + j.error()).findFirst().orElse(null);
    }

    /**
     * A 5xx (the gateway says 503 while the trainer restarts), 429 (rate limit) or 408 means "not now";
     * other 4xx are the trainer's verdict on this request (a 401 from the gateway too: a wrong key
     * should fail loudly, not wait forever).
     */
    private static boolean isTransient(RestClientResponseException ex) {
        int status = ex.getStatusCode().value();
        return status >= 500 || status == 429 || status == 408;
    }

    private static TrainerUnavailable unavailable(RestClientException ex) {
        String what = ex instanceof RestClientResponseException r ? "answered " + r.getStatusCode().value()
                : "cannot be reached (" + ex.getMessage() + ")";
        return new TrainerUnavailable("the trainer " + what, ex);
    }

    private String problem(RestClientResponseException ex) {
        String body = ex.getResponseBodyAsString();
        try {
            Map<String, Object> problem = json.read(body, new TypeReference<Map<String, Object>>() { });
            Object detail = problem.get("detail");
            Object field = problem.get("field");
            return ex.getStatusCode().value() + " " + (detail == null ? "" : detail)
                    + (field == null ? "" : " (field " + field + ")");
        }
        catch (RuntimeException notJson) {
            return ex.getStatusCode().value() + " " + (body.length() > 200 ? body.substring(0, 200) : body);
        }
    }
}
