package io.modomodo.rollout.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Service;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.rollout.RolloutCompletion;
import io.modomodo.api.rollout.RolloutPrompt;
import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.RolloutResponse;
import io.modomodo.api.rollout.RolloutStats;
import io.modomodo.api.rollout.SamplingParams;
import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.FinishReason;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.rollout.config.RolloutProperties;
import io.modomodo.service.policy.Lease;
import io.modomodo.service.policy.PolicyCache;
import io.modomodo.service.policy.PolicyVersion;
import io.modomodo.service.web.LibraryInput;
import io.modomodo.service.web.RetryLaterException;

/**
 * Answers {@code POST /api/v1/rollouts}: checks the request against the limits, resolves and leases the
 * policy version, decodes images and encodes prompts on the caller's thread, then queues the rows for
 * the version's batcher and waits for them.
 */
@Service
public class RolloutService {

    /** Defaults documented on {@link SamplingParams}. */
    static final double DEFAULT_TEMPERATURE = 1.0;
    static final double DEFAULT_TOP_P = 1.0;
    static final int DEFAULT_MAX_NEW_TOKENS = 64;
    static final List<String> DEFAULT_STOP = List.of("</answer>");

    private static final Map<String, String> SAMPLING_FIELDS = Map.of("temperature", "sampling.temperature", "topP",
            "sampling.topP", "maxNewTokens", "sampling.maxNewTokens", "stopStrings", "sampling.stop");

    private final RolloutProperties.Limits limits;
    private final RolloutProperties.Queue queue;
    private final PolicyCache policies;
    private final Batcher<RolloutJob> batcher;
    private final RolloutMetrics metrics;
    private final PromptImages images;

    public RolloutService(RolloutProperties properties, PolicyCache policies, Batcher<RolloutJob> batcher,
            RolloutMetrics metrics) {
        this.limits = properties.limits();
        this.queue = properties.queue();
        this.policies = policies;
        this.batcher = batcher;
        this.metrics = metrics;
        this.images = new PromptImages(limits.maxImageBytes(), limits.maxImageSide());
    }

    public RolloutResponse rollout(RolloutRequest request) {
        long started = System.nanoTime();
        try {
            RolloutResponse response = sample(request, started);
            metrics.completed(response.stats().promptTokens(), response.stats().completionTokens(),
                    Duration.ofNanos(System.nanoTime() - started));
            return response;
        }
        catch (InvalidRequestException | LimitExceededException | NotFoundException ex) {
            metrics.request("invalid");
            throw ex;
        }
        catch (RetryLaterException ex) {
            metrics.request(ex.busy() ? "busy" : "timeout");
            throw ex;
        }
        catch (RuntimeException ex) {
            metrics.request("failed");
            throw ex;
        }
    }

    private RolloutResponse sample(RolloutRequest request, long started) {
        if (request == null) {
            throw new InvalidRequestException(null, "the request body is required");
        }
        List<RolloutPrompt> prompts = checkPrompts(request.prompts());
        int samples = checkSamples(request.samplesPerPrompt(), prompts.size());
        SampleSettings settings = checkSampling(request.sampling());
        PolicyVersion version = policies.resolve(request.policy());
        // Checked again, atomically, when queuing; checked here too so that a flood is refused before
        // each request loads a model and decodes its images.
        if (batcher.waiting() >= queue.capacity()) {
            throw busy();
        }

        Lease<LoadedCheckpoint> lease = policies.lease(version);
        boolean queued = false;
        try {
            VisionLanguagePolicy policy = lease.value().policy();
            int eos = policy.tokenizer().eosId();
            int maxTextLength = policy.config().maxTextLength();
            List<GenerationInput> rows = new ArrayList<>(prompts.size() * samples);
            long promptTokens = 0;
            for (int p = 0; p < prompts.size(); p++) {
                RolloutPrompt prompt = prompts.get(p);
                String field = "prompts[" + p + "]";
                float[] image = images.decode(field + ".image", prompt.image(), policy.config().imageSize());
                int[] tokens = LibraryInput.check(field + ".text", () -> policy.encodePrompt(prompt.text()));
                if (tokens.length >= maxTextLength) {
                    throw new LimitExceededException(field + ".text", maxTextLength - 1, field + ".text is "
                            + tokens.length + " tokens; this policy reads at most " + (maxTextLength - 1)
                            + " prompt tokens so that one new token fits");
                }
                promptTokens += tokens.length;
                GenerationInput input = new GenerationInput(image, tokens);
                for (int s = 0; s < samples; s++) {
                    rows.add(input);
                }
            }
            RolloutJob job = new RolloutJob(version, lease, rows, settings.options(), settings.seeded(), maxTextLength);
            if (!batcher.offer(job)) {
                throw busy();
            }
            queued = true;
            List<Completion> completions = await(job);
            return response(version, prompts, samples, completions, promptTokens, eos, started);
        }
        finally {
            // Once queued, the job owns the lease: the runner releases it, even after a timeout here.
            if (!queued) {
                lease.close();
            }
        }
    }

    private RetryLaterException busy() {
        return RetryLaterException.tooBusy("The rollout queue is full (" + queue.capacity()
                + " requests waiting); retry later.", queue.retryAfter());
    }

    private List<Completion> await(RolloutJob job) {
        try {
            return job.result().get(queue.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            abandon(job);
            throw RetryLaterException.unavailable("No completions within " + queue.timeout().toSeconds()
                    + " s; the service is overloaded.", queue.retryAfter());
        }
        catch (InterruptedException ex) {
            abandon(job);
            Thread.currentThread().interrupt();
            throw RetryLaterException.unavailable("The service is shutting down.", queue.retryAfter());
        }
        catch (CancellationException ex) {
            throw RetryLaterException.unavailable("The service is shutting down.", queue.retryAfter());
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("generation failed", ex.getCause());
        }
    }

    private void abandon(RolloutJob job) {
        if (batcher.withdraw(job)) {
            job.lease().close();
        }
    }

    private List<RolloutPrompt> checkPrompts(List<RolloutPrompt> prompts) {
        if (prompts == null || prompts.isEmpty()) {
            throw new InvalidRequestException("prompts", "prompts must hold at least one prompt");
        }
        if (prompts.size() > limits.maxPrompts()) {
            throw new LimitExceededException("prompts", limits.maxPrompts(), "prompts holds " + prompts.size()
                    + " prompts; the limit is " + limits.maxPrompts());
        }
        for (int p = 0; p < prompts.size(); p++) {
            RolloutPrompt prompt = prompts.get(p);
            String field = "prompts[" + p + "]";
            if (prompt == null) {
                throw new InvalidRequestException(field, field + " must be a prompt, got null");
            }
            if (prompt.id() == null || prompt.id().isBlank()) {
                throw new InvalidRequestException(field + ".id", field + ".id is required");
            }
            if (prompt.id().length() > limits.maxPromptIdLength()) {
                throw new LimitExceededException(field + ".id", limits.maxPromptIdLength(), field + ".id has "
                        + prompt.id().length() + " characters; the limit is " + limits.maxPromptIdLength());
            }
            if (prompt.text() == null) {
                throw new InvalidRequestException(field + ".text", field + ".text is required");
            }
            if (prompt.image() == null || prompt.image().isBlank()) {
                throw new InvalidRequestException(field + ".image", field + ".image is required: a base64 PNG or "
                        + "JPEG, or a data URI");
            }
        }
        return prompts;
    }

    private int checkSamples(Integer requested, int promptCount) {
        int samples = requested == null ? 1 : requested;
        if (samples < 1) {
            throw new InvalidRequestException("samplesPerPrompt", "samplesPerPrompt must be at least 1, got " + samples);
        }
        if (samples > limits.maxSamplesPerPrompt()) {
            throw new LimitExceededException("samplesPerPrompt", limits.maxSamplesPerPrompt(), "samplesPerPrompt is "
                    + samples + "; the limit is " + limits.maxSamplesPerPrompt());
        }
        long sequences = (long) samples * promptCount;
        if (sequences > limits.maxSequences()) {
            throw new LimitExceededException("samplesPerPrompt", limits.maxSequences(), "prompts × samplesPerPrompt is "
                    + sequences + " sequences; the limit is " + limits.maxSequences());
        }
        return samples;
    }

    private SampleSettings checkSampling(SamplingParams params) {
        SamplingParams sampling = params == null ? new SamplingParams(null, null, null, null, null) : params;
        int maxNewTokens = sampling.maxNewTokens() == null ? Math.min(DEFAULT_MAX_NEW_TOKENS, limits.maxNewTokens())
                : sampling.maxNewTokens();
        if (maxNewTokens > limits.maxNewTokens()) {
            throw new LimitExceededException("sampling.maxNewTokens", limits.maxNewTokens(), "sampling.maxNewTokens is "
                    + maxNewTokens + "; the limit is " + limits.maxNewTokens());
        }
        List<String> stop = sampling.stop() == null ? DEFAULT_STOP : sampling.stop();
        if (stop.size() > limits.maxStopStrings()) {
            throw new LimitExceededException("sampling.stop", limits.maxStopStrings(), "sampling.stop holds "
                    + stop.size() + " strings; the limit is " + limits.maxStopStrings());
        }
        for (int i = 0; i < stop.size(); i++) {
            if (stop.get(i) != null && stop.get(i).length() > limits.maxStopLength()) {
                throw new LimitExceededException("sampling.stop[" + i + "]", limits.maxStopLength(), "sampling.stop["
                        + i + "] has " + stop.get(i).length() + " characters; the limit is " + limits.maxStopLength());
            }
        }
        boolean seeded = sampling.seed() != null;
        long seed = seeded ? sampling.seed() : ThreadLocalRandom.current().nextLong();
        double temperature = sampling.temperature() == null ? DEFAULT_TEMPERATURE : sampling.temperature();
        double topP = sampling.topP() == null ? DEFAULT_TOP_P : sampling.topP();
        SamplingOptions options = LibraryInput.check("sampling", SAMPLING_FIELDS,
                () -> new SamplingOptions(temperature, topP, maxNewTokens, stop, seed, true));
        return new SampleSettings(options, seeded);
    }

    private static RolloutResponse response(PolicyVersion version, List<RolloutPrompt> prompts, int samples,
            List<Completion> completions, long promptTokens, int eos, long started) {
        List<RolloutCompletion> out = new ArrayList<>(completions.size());
        long completionTokens = 0;
        for (int row = 0; row < completions.size(); row++) {
            Completion completion = completions.get(row);
            int[] ids = completion.tokenIds();
            completionTokens += ids.length;
            out.add(new RolloutCompletion(prompts.get(row / samples).id(), row % samples, completion.text(), ids,
                    completion.logProbs(), finishReason(completion, ids, eos)));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new RolloutResponse(version.version(), out, new RolloutStats(promptTokens, completionTokens, seconds));
    }

    private static String finishReason(Completion completion, int[] ids, int eos) {
        if (completion.finishReason() == FinishReason.LENGTH) {
            return "length";
        }
        return ids.length > 0 && ids[ids.length - 1] == eos ? "eos" : "stop";
    }

    private record SampleSettings(SamplingOptions options, boolean seeded) {
    }
}
