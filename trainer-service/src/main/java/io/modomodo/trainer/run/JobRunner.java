package io.modomodo.trainer.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ai.djl.Device;
import io.modomodo.api.client.RewardClient;
import io.modomodo.api.client.RolloutClient;
import io.modomodo.api.reward.ScoreItem;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResult;
import io.modomodo.api.rollout.PolicyRef;
import io.modomodo.api.rollout.RolloutCompletion;
import io.modomodo.api.rollout.RolloutPrompt;
import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.RolloutResponse;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.api.trainer.BenchmarkScore;
import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.DomainStepMetrics;
import io.modomodo.api.trainer.EvaluationResponse;
import io.modomodo.api.trainer.JobOutcome;
import io.modomodo.api.trainer.PhaseSeconds;
import io.modomodo.api.trainer.StepMetrics;
import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import io.modomodo.domains.jsonl.JsonlReader;
import io.modomodo.domains.sampler.Batch;
import io.modomodo.domains.sampler.MixtureSampler;
import io.modomodo.domains.sampler.SamplerConfig;
import io.modomodo.domains.sampler.SamplerState;
import io.modomodo.domains.suite.Split;
import io.modomodo.domains.suite.TaskSuite;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.GrpoStepStats;
import io.modomodo.policy.grpo.GrpoTrainer;
import io.modomodo.policy.grpo.Rollout;
import io.modomodo.policy.model.RgbImages;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.trainer.config.TrainerDefaults;
import io.modomodo.trainer.config.TrainerProperties;
import io.modomodo.trainer.repository.EvaluationRepository;
import io.modomodo.trainer.repository.JobRepository;
import io.modomodo.trainer.repository.JobRow;
import io.modomodo.trainer.repository.JobStatus;
import io.modomodo.trainer.repository.StepRepository;
import io.modomodo.trainer.service.GrpoMapping;

/**
 * Runs one claimed job to its end: sample prompts by the mixture → rollout-service → reward-service → GRPO update →
 * publish the weights as {@code job:<id>} → a full checkpoint every k steps → evaluations at step 0, every
 * {@code eval.every} steps and at the last step → the outcome.
 *
 * <p>Resume is exact: a full checkpoint holds the weights, the optimizer, the sampler position and the step, and
 * every other random choice is a function of (job seed, step) — the sampling seed of step t, and the mini-batch
 * shuffle (seeded by the job seed and the optimizer step) — so a job resumed from step k draws the same items and,
 * on the same thread count, the same completions and updates as one that never stopped.
 *
 * <p>In {@code one-step-off} mode the rollout of step t+1 runs on its own thread, with the weights of step t−1,
 * while step t scores and updates ({@link RolloutAhead}). A checkpoint taken meanwhile records the sampler position
 * before that batch and a copy of those weights, so a resumed job redoes the very same rollout.
 *
 * <p>While it runs, a lease on the job is renewed; a renewal that fails (another replica took the job over after
 * this one stalled past the lease) stops this run at once, without writing anything more.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobRepository jobs;
    private final StepRepository steps;
    private final EvaluationRepository evaluations;
    private final TrainerProperties properties;
    private final TrainerDefaults defaults;
    private final PolicyStoreLayout layout;
    private final RolloutClient rollout;
    private final RewardClient reward;
    private final TrainerMetrics metrics;
    private final String owner;
    private final Retrying retrying;
    private final Map<UUID, Execution> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "job-lease");
        thread.setDaemon(true);
        return thread;
    });

    public JobRunner(JobRepository jobs, StepRepository steps, EvaluationRepository evaluations,
            TrainerProperties properties, TrainerDefaults defaults, PolicyStoreLayout layout, RolloutClient rollout,
            RewardClient reward, TrainerMetrics metrics, ReplicaId replica) {
        this.jobs = jobs;
        this.steps = steps;
        this.evaluations = evaluations;
        this.properties = properties;
        this.defaults = defaults;
        this.layout = layout;
        this.rollout = rollout;
        this.reward = reward;
        this.metrics = metrics;
        this.owner = replica.value();
        this.retrying = new Retrying(properties.runner());
    }

    /** This replica's lease-owner name. */
    public String owner() {
        return owner;
    }

    /** Claims the oldest queued job, or one whose replica died. */
    public Optional<UUID> claimNext() {
        return jobs.claimNext(owner, properties.runner().lease());
    }

    /** Claims one job if it is queued or its lease expired. */
    public boolean claim(UUID id) {
        return jobs.claim(id, owner, properties.runner().lease());
    }

    /** Asks a job running here to stop at once (its waits end); the database flag stops it at a step boundary anyway. */
    public void cancel(UUID id) {
        Execution execution = running.get(id);
        if (execution != null) {
            execution.stop(Stop.CANCEL);
        }
    }

    /** How many jobs run here now. */
    public int runningCount() {
        return running.size();
    }

    /** Stops every job running here at its next step boundary and gives it back to the queue. */
    @PreDestroy
    public void stopAll() {
        running.values().forEach(execution -> execution.stop(Stop.SHUTDOWN));
    }

    /**
     * Runs a job this replica has claimed until it ends, is cancelled, or leaves this replica.
     *
     * @return the job's status afterwards as this replica saw it
     */
    public String run(UUID id) {
        Execution execution = new Execution(id);
        running.put(id, execution);
        long period = Math.max(100, properties.runner().lease().toMillis() / 3);
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(execution::renew, period, period,
                TimeUnit.MILLISECONDS);
        try {
            JobRow row = jobs.find(id).orElseThrow();
            log.info("Job {} ({}) running on {}", id, row.name(), owner);
            JobOutcome outcome = train(row, execution);
            if (jobs.finish(id, owner, JobStatus.SUCCEEDED, null, outcome)) {
                log.info("Job {} succeeded: in {} out {}", id, outcome.inScore(), outcome.outScore());
                return JobStatus.SUCCEEDED;
            }
            return "LOST";
        }
        catch (StopRequested stop) {
            return stopped(id, execution);
        }
        catch (ServiceUnavailableException ex) {
            if (execution.stop != null) {
                return stopped(id, execution);
            }
            log.warn("Job {} failed: {}", id, ex.getMessage());
            jobs.finish(id, owner, JobStatus.FAILED, ex.getMessage(), null);
            return JobStatus.FAILED;
        }
        catch (IOException | RuntimeException | Error ex) {
            if (execution.stop != null) {
                return stopped(id, execution);
            }
            log.error("Job {} failed", id, ex);
            jobs.finish(id, owner, JobStatus.FAILED, "the job failed: " + sentence(ex), null);
            return JobStatus.FAILED;
        }
        finally {
            renewal.cancel(false);
            running.remove(id);
            metrics.forget(id);
        }
    }

    private String stopped(UUID id, Execution execution) {
        switch (execution.stop) {
            case CANCEL -> {
                jobs.finish(id, owner, JobStatus.CANCELLED, null, null);
                log.info("Job {} cancelled", id);
                return JobStatus.CANCELLED;
            }
            case SHUTDOWN -> {
                jobs.release(id, owner);
                log.info("Job {} released for another replica to resume", id);
                return "RELEASED";
            }
            default -> {
                log.warn("Job {} lost its lease; another replica resumes it", id);
                return "LOST";
            }
        }
    }

    private JobOutcome train(JobRow row, Execution execution) throws IOException {
        UUID id = row.id();
        CreateJobRequest spec = row.spec();
        boolean oneStepOff = CreateJobRequest.ONE_STEP_OFF.equals(spec.rolloutMode());
        TaskSuite suite = new TaskSuite(defaults.suiteSeed());
        Map<String, Dataset> datasets = datasets(spec, suite);
        Device device = DjlRuntime.preferredDevice();
        PolicyRef base = spec.policy();
        DirectoryCheckpointStore baseStore = new DirectoryCheckpointStore(layout.folder(base.name()));
        DirectoryCheckpointStore published = publishedWeights(layout, id);
        DirectoryCheckpointStore checkpoints = new DirectoryCheckpointStore(layout.jobCheckpoints(id));
        DirectoryCheckpointStore rolloutWeights = oneStepOff ? new DirectoryCheckpointStore(layout.jobRolloutWeights(id))
                : null;
        // One step ahead, the rollout in flight reads the version published before the newest one.
        execution.publishKeep = Math.max(oneStepOff ? 2 : 1, defaults.publishKeep());
        GrpoConfig config = GrpoMapping.config(spec.grpo(), spec.groupSize(), spec.sampling().temperature(),
                spec.seed());
        OptionalLong latest = checkpoints.latest();
        Evaluator evaluator = new Evaluator(rollout, reward, retrying, evaluations, suite,
                defaults.eval().maxNewTokens());
        execution.detail(latest.isPresent() ? "resuming from checkpoint " + latest.getAsLong() : "loading " + base.name());
        try (LoadedCheckpoint start = latest.isPresent() ? checkpoints.load(latest.getAsLong(), device)
                : baseStore.load(base.version(), device);
                LoadedCheckpoint reference = config.beta() > 0 ? baseStore.load(base.version(), device) : null;
                GrpoTrainer trainer = reference == null ? new GrpoTrainer(start.policy(), config)
                        : new GrpoTrainer(start.policy(), reference.policy(), config);
                RolloutAhead ahead = oneStepOff ? new RolloutAhead(id, retrying, rollout, execution, execution::check)
                        : null) {
            VisionLanguagePolicy policy = start.policy();
            int step = 0;
            MixtureSampler sampler;
            PolicyRef pendingWeights = null;
            int pendingWeightsStep = 0;
            if (latest.isPresent()) {
                step = Integer.parseInt(start.metadata().get("step"));
                sampler = MixtureSampler.resume(datasets, SamplerState.fromJson(start.metadata().get("sampler")));
                trainer.optimizer().restore(start.optimizerState());
                log.info("Job {} resumes after step {} (checkpoint {})", id, step, latest.getAsLong());
                String saved = start.metadata().get("rolloutWeights");
                if (oneStepOff && step < spec.steps() && saved != null) {
                    // The uninterrupted run had the rollout of step k+1 in flight with the weights of step k-1.
                    pendingWeightsStep = Integer.parseInt(start.metadata().get("rolloutWeightsStep"));
                    try (LoadedCheckpoint weights = rolloutWeights.load(Long.parseLong(saved), device)) {
                        pendingWeights = publish(published, weights.policy(), pendingWeightsStep, execution);
                    }
                }
                else if (oneStepOff && step < spec.steps()) {
                    log.warn("Job {}: checkpoint {} records no rollout weights; step {} samples with the weights of "
                            + "step {}, not {} as an uninterrupted run", id, latest.getAsLong(), step + 1, step,
                            step - 1);
                }
            }
            else {
                sampler = new MixtureSampler(datasets, SamplerConfig.of(spec.mixture(), spec.promptsPerStep(),
                        spec.seed()));
            }
            execution.check();
            PolicyRef current = publish(published, policy, step, execution);
            if (step == 0) {
                evaluate(id, spec, evaluator, 0, base, Optional.of(base), execution);
            }
            Draw next = pendingWeights == null ? null
                    : draw(spec, step + 1, sampler, pendingWeights, pendingWeightsStep, ahead, execution);
            while (step < spec.steps()) {
                if (jobs.cancelRequested(id)) {
                    execution.stop(Stop.CANCEL);
                }
                execution.check();
                step++;
                // Nothing is in flight at the first step (or in sync mode): this step samples with the newest weights.
                Draw draw = next != null ? next : draw(spec, step, sampler, current, step - 1, null, execution);
                Stepped stepped = step(id, spec, draw, sampler, policy, trainer, current, published, checkpoints,
                        rolloutWeights, ahead, device, execution);
                current = stepped.published();
                next = stepped.next();
                int every = spec.eval().every();
                if (step == spec.steps() || (every > 0 && step % every == 0)) {
                    execution.check();
                    evaluate(id, spec, evaluator, step, current, Optional.empty(), execution);
                }
            }
            int last = spec.steps();
            EvaluationResponse finalEvaluation = evaluations.list(id).stream().filter(e -> e.step() == last).findFirst()
                    .orElseGet(() -> evaluate(id, spec, evaluator, last, publish(published, policy, last, execution),
                            Optional.empty(), execution));
            execution.check();
            return new JobOutcome(last, finalEvaluation.benchmarks(), finalEvaluation.inScore(),
                    finalEvaluation.outScore());
        }
    }

    /**
     * A step's prompts and the rollout-service call that answers them.
     *
     * @param samplerBefore the sampler position before this batch was drawn: what a checkpoint taken while this
     *     draw is in flight must record, so a resumed job draws the batch again
     * @param weightsStep the step whose weights sample the completions (0: the base)
     * @param sampleSeconds drawing the batch and building its prompts
     * @param inline whether {@link #await} makes the call on the job's thread (else it was started ahead)
     */
    private record Draw(int step, Batch batch, List<RolloutPrompt> prompts, String samplerBefore, PolicyRef weights,
            int weightsStep, double sampleSeconds, boolean inline, Future<RolloutResponse> completions) {
    }

    /** What a step leaves for the next: the weights it published, and the draw already in flight (or null). */
    private record Stepped(PolicyRef published, Draw next) {
    }

    private Draw draw(CreateJobRequest spec, int step, MixtureSampler sampler, PolicyRef weights, int weightsStep,
            RolloutAhead ahead, Execution execution) {
        long t0 = System.nanoTime();
        String samplerBefore = ahead == null ? null : sampler.state().toJson();
        Batch batch = sampler.next();
        List<Item> items = batch.items();
        List<RolloutPrompt> prompts = prompts(items);
        RolloutRequest request = rolloutRequest(weights, prompts, spec.groupSize(), spec.sampling(),
                stepSeed(spec.seed(), step));
        Future<RolloutResponse> completions;
        if (ahead == null) {
            completions = new FutureTask<>(() -> retrying.call("rollout-service", () -> rollout.rollout(request),
                    execution));
        }
        else {
            completions = ahead.start(request);
        }
        return new Draw(step, batch, prompts, samplerBefore, weights, weightsStep, sec(System.nanoTime() - t0),
                ahead == null, completions);
    }

    /** The draw's completions: its call made now on this thread, or waited for while the job may still stop. */
    private static RolloutResponse await(Draw draw, Execution execution) {
        try {
            if (draw.inline()) {
                ((FutureTask<RolloutResponse>) draw.completions()).run();
                return draw.completions().get();
            }
            while (true) {
                execution.check();
                try {
                    return draw.completions().get(100, TimeUnit.MILLISECONDS);
                }
                catch (TimeoutException ex) {
                    // Still sampling; look at the stop flag again.
                }
            }
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the rollout failed: " + cause, cause);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            execution.stop(Stop.SHUTDOWN);
            throw new StopRequested(Stop.SHUTDOWN.name());
        }
    }

    private Stepped step(UUID id, CreateJobRequest spec, Draw draw, MixtureSampler sampler,
            VisionLanguagePolicy policy, GrpoTrainer trainer, PolicyRef current, DirectoryCheckpointStore published,
            DirectoryCheckpointStore checkpoints, DirectoryCheckpointStore rolloutWeights, RolloutAhead ahead,
            Device device, Execution execution) {
        int step = draw.step();
        long t1 = System.nanoTime();
        List<Item> items = draw.batch().items();
        execution.detail("step " + step + "/" + spec.steps() + ": rollout");
        List<RolloutCompletion> completions = ordered(await(draw, execution), items.size(), spec.groupSize());
        long t2 = System.nanoTime();
        // One step off: the next step samples with the weights this step is about to update, while it updates.
        Draw next = ahead != null && step < spec.steps()
                ? draw(spec, step + 1, sampler, current, step - 1, ahead, execution) : null;
        long t2b = System.nanoTime();
        ScoreRequest scoring = scoreRequest(items, completions, spec.rewardWeights());
        execution.detail("step " + step + "/" + spec.steps() + ": reward");
        List<ScoreResult> results = retrying.call("reward-service", () -> reward.score(scoring), execution).results();
        if (results.size() != completions.size()) {
            throw new IllegalStateException("the reward-service returned " + results.size() + " results for "
                    + completions.size() + " completions");
        }
        long t3 = System.nanoTime();
        execution.check();
        execution.detail("step " + step + "/" + spec.steps() + ": update");
        GrpoStepStats stats = trainer.step(rollouts(policy, items, draw.prompts(), completions, results));
        long t4 = System.nanoTime();
        execution.check();
        PolicyRef newest = publish(published, policy, step, execution);
        int lag = step - 1 - draw.weightsStep();
        if (step % spec.checkpoint().every() == 0 || step == spec.steps()) {
            // A job resumed from this checkpoint does not redo this step, so its record must exist before the
            // checkpoint does; it is rewritten below with the checkpoint's time.
            steps.save(id, metrics(step, draw.batch(), completions, results, stats, lag, new PhaseSeconds(
                    draw.sampleSeconds(), sec(t2 - t1), sec(t3 - t2b), sec(t4 - t3), sec(System.nanoTime() - t4),
                    (draw.inline() ? draw.sampleSeconds() : 0) + sec(System.nanoTime() - t1))));
            Map<String, String> metadata = new LinkedHashMap<>();
            String digest = WeightsDigest.of(policy);
            metadata.put("kind", "checkpoint");
            metadata.put("step", String.valueOf(step));
            metadata.put("sampler", next == null ? sampler.state().toJson() : next.samplerBefore());
            metadata.put("weightsSha256", digest);
            if (next != null) {
                // Its published version may be pruned before the job resumes; the checkpoint keeps its own copy.
                try (LoadedCheckpoint weights = published.load(next.weights().version(), device)) {
                    long saved = rolloutWeights.save(weights.policy(), null, Map.of("kind", "rollout-weights", "step",
                            String.valueOf(next.weightsStep())));
                    metadata.put("rolloutWeights", String.valueOf(saved));
                    metadata.put("rolloutWeightsStep", String.valueOf(next.weightsStep()));
                }
            }
            long version = checkpoints.save(policy, trainer.optimizer().state(), metadata);
            checkpoints.retainLast(spec.checkpoint().keep());
            if (rolloutWeights != null) {
                rolloutWeights.retainLast(spec.checkpoint().keep());
            }
            jobs.checkpoint(id, owner, version, step, digest);
        }
        long t5 = System.nanoTime();
        StepMetrics record = metrics(step, draw.batch(), completions, results, stats, lag,
                new PhaseSeconds(draw.sampleSeconds(), sec(t2 - t1), sec(t3 - t2b), sec(t4 - t3), sec(t5 - t4),
                        (draw.inline() ? draw.sampleSeconds() : 0) + sec(t5 - t1)));
        steps.save(id, record);
        metrics.step(id, record);
        if (!jobs.progress(id, owner, step, "step " + step + "/" + spec.steps() + " done")) {
            throw new StopRequested("lease lost");
        }
        return new Stepped(newest, next);
    }

    /** A step's prompts, identified by their index in the batch. */
    static List<RolloutPrompt> prompts(List<Item> items) {
        List<RolloutPrompt> prompts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            prompts.add(Evaluator.prompt(String.valueOf(i), items.get(i)));
        }
        return prompts;
    }

    /** A step's rollout request: every prompt {@code groupSize} times with the job's sampling and the step's seed. */
    static RolloutRequest rolloutRequest(PolicyRef policy, List<RolloutPrompt> prompts, int groupSize,
            SamplingParams s, long seed) {
        return new RolloutRequest(policy, prompts, groupSize,
                new SamplingParams(s.temperature(), s.topP(), s.maxNewTokens(), s.stop(), seed));
    }

    /** The completions in prompt and sample order, checked to be one group per prompt. */
    static List<RolloutCompletion> ordered(RolloutResponse response, int prompts, int groupSize) {
        List<RolloutCompletion> completions = new ArrayList<>(response.completions());
        completions.sort(Comparator.comparingInt((RolloutCompletion c) -> Integer.parseInt(c.promptId()))
                .thenComparingInt(RolloutCompletion::index));
        if (completions.size() != prompts * groupSize) {
            throw new IllegalStateException("the rollout-service returned " + completions.size() + " completions for "
                    + prompts + " prompts x " + groupSize);
        }
        return completions;
    }

    /** Each completion against the gold answer of its prompt's item. */
    static ScoreRequest scoreRequest(List<Item> items, List<RolloutCompletion> completions,
            Map<String, Double> rewardWeights) {
        List<ScoreItem> scoreItems = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            RolloutCompletion c = completions.get(i);
            scoreItems.add(Evaluator.scoreItem(String.valueOf(i), items.get(Integer.parseInt(c.promptId())), c.text()));
        }
        return new ScoreRequest("think-answer", Evaluator.weights(rewardWeights), scoreItems);
    }

    /** What the update reads: each completion with its prompt's image and tokens, its log-probs and its reward. */
    static List<Rollout> rollouts(VisionLanguagePolicy policy, List<Item> items, List<RolloutPrompt> prompts,
            List<RolloutCompletion> completions, List<ScoreResult> results) {
        List<float[]> images = new ArrayList<>(items.size());
        List<int[]> promptTokens = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            images.add(RgbImages.decode(items.get(i).image().bytes(), policy.config().imageSize()));
            promptTokens.add(policy.encodePrompt(prompts.get(i).text()));
        }
        List<Rollout> rollouts = new ArrayList<>(completions.size());
        for (int i = 0; i < completions.size(); i++) {
            RolloutCompletion c = completions.get(i);
            int p = Integer.parseInt(c.promptId());
            rollouts.add(new Rollout(new PromptCompletion(images.get(p), promptTokens.get(p), c.tokenIds()),
                    c.logProbs(), results.get(i).reward()));
        }
        return rollouts;
    }

    /**
     * Where a job publishes its weights for the rollout-service at every step. A resumed job publishes
     * again before its first rollout, so these versions skip the fsync (0.05–0.1 s a step here); the
     * job's checkpoints stay durable.
     */
    static DirectoryCheckpointStore publishedWeights(PolicyStoreLayout layout, UUID job) {
        return new DirectoryCheckpointStore(layout.job(job)).optDurable(false);
    }

    private PolicyRef publish(DirectoryCheckpointStore published, VisionLanguagePolicy policy, int step,
            Execution execution) {
        execution.check();
        long version = published.save(policy, null, Map.of("kind", "weights", "step", String.valueOf(step)));
        published.retainLast(execution.publishKeep);
        return new PolicyRef(PolicyStoreLayout.jobPolicyName(execution.id), version);
    }

    private EvaluationResponse evaluate(UUID id, CreateJobRequest spec, Evaluator evaluator, int step, PolicyRef policy,
            Optional<PolicyRef> base, Execution execution) {
        execution.detail("evaluating at step " + step);
        Map<String, BenchmarkScore> scores = evaluator.evaluate(spec, policy, base, execution);
        double[] inOut = Evaluator.inOut(scores);
        EvaluationResponse evaluation = new EvaluationResponse(step, java.time.Instant.now(), scores, inOut[0],
                inOut[1]);
        execution.check();
        evaluations.save(id, evaluation);
        metrics.evaluation(id, inOut[0], inOut[1]);
        return evaluation;
    }

    private static StepMetrics metrics(int step, Batch batch, List<RolloutCompletion> completions,
            List<ScoreResult> results, GrpoStepStats stats, int policyLag, PhaseSeconds seconds) {
        int group = completions.size() / batch.items().size();
        Map<String, double[]> sums = new TreeMap<>();
        Map<String, Integer> prompts = new TreeMap<>();
        double rewardSum = 0;
        double length = 0;
        for (int i = 0; i < completions.size(); i++) {
            String domain = batch.domains().get(i / group);
            ScoreResult r = results.get(i);
            double[] sum = sums.computeIfAbsent(domain, d -> new double[4]);
            sum[0] += r.reward();
            sum[1] += r.accuracy();
            sum[2] += r.format();
            sum[3]++;
            rewardSum += r.reward();
            length += completions.get(i).tokenIds().length;
        }
        for (String domain : batch.domains()) {
            prompts.merge(domain, 1, Integer::sum);
        }
        Map<String, DomainStepMetrics> domains = new TreeMap<>();
        sums.forEach((domain, sum) -> domains.put(domain, new DomainStepMetrics(prompts.get(domain), sum[0] / sum[3],
                sum[1] / sum[3], sum[2] / sum[3])));
        double kl = Double.isFinite(stats.referenceKl()) ? stats.referenceKl() : 0;
        return new StepMetrics(step, java.time.Instant.now(), rewardSum / completions.size(), domains,
                length / completions.size(), kl, finite(stats.clipFraction()), finite(stats.entropy()),
                finite(stats.gradientNorm()), stats.learningRate(), policyLag, seconds,
                batch.items().stream().map(Item::id).toList());
    }

    private Map<String, Dataset> datasets(CreateJobRequest spec, TaskSuite suite) throws IOException {
        Map<String, Dataset> datasets = new LinkedHashMap<>();
        Path root = properties.dataRoot().toAbsolutePath().normalize();
        for (String domain : spec.mixture().keySet()) {
            var declared = spec.datasets() == null ? null : spec.datasets().get(domain);
            if (declared != null) {
                Path file = root.resolve(declared.jsonl()).normalize();
                datasets.put(domain, JsonlReader.read(file, JsonlReader.Options.failFast().withDomain(domain))
                        .dataset());
            }
            else {
                datasets.put(domain, suite.dataset(domain, Split.TRAIN, defaults.trainItemsPerDomain()));
            }
        }
        return datasets;
    }

    /** The sampling seed of a step: a function of the job's seed and the step alone, so a resumed job draws alike. */
    static long stepSeed(long seed, int step) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (step + 1L));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private static String sentence(Throwable ex) {
        String message = ex.getMessage();
        return message == null ? ex.getClass().getSimpleName() : message.length() > 500 ? message.substring(0, 500)
                : message;
    }

    enum Stop {
        CANCEL, LOST, SHUTDOWN
    }

    /** One job's run on this replica: its stop flag, its lease renewal and its waits. */
    private final class Execution implements Retrying.Waiter {
        final UUID id;
        volatile Stop stop;
        int publishKeep = 1;
        private final Object lock = new Object();

        Execution(UUID id) {
            this.id = id;
        }

        void stop(Stop reason) {
            synchronized (lock) {
                if (stop == null) {
                    stop = reason;
                }
                lock.notifyAll();
            }
        }

        void check() {
            if (stop != null) {
                throw new StopRequested(stop.name());
            }
        }

        void renew() {
            try {
                if (!jobs.renew(id, owner, properties.runner().lease())) {
                    stop(Stop.LOST);
                }
                else if (jobs.cancelRequested(id)) {
                    stop(Stop.CANCEL);
                }
            }
            catch (RuntimeException ex) {
                // A database hiccup: the lease outlives a few missed renewals; if it expires, the next renewal says so.
                log.warn("Could not renew the lease of job {}: {}", id, ex.getMessage());
            }
        }

        void detail(String detail) {
            check();
            try {
                jobs.detail(id, owner, detail);
            }
            catch (RuntimeException ex) {
                log.debug("Could not record the detail of job {}", id, ex);
            }
        }

        @Override
        public void waiting(String detail) {
            metrics.retry(detail.contains("reward") ? "reward-service" : "rollout-service");
            log.warn("Job {}: {}", id, detail);
            detail(detail);
        }

        @Override
        public void resumed() {
            detail("running");
        }

        @Override
        public void sleep(java.time.Duration duration) {
            long until = System.nanoTime() + duration.toNanos();
            synchronized (lock) {
                while (stop == null) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        stop(Stop.SHUTDOWN);
                    }
                }
            }
            check();
        }
    }
}
