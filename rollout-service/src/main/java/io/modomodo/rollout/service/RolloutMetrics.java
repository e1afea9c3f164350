package io.modomodo.rollout.service;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters of the rollout-service ({@code modomodo.rollout.*}); the policy cache adds
 * {@code modomodo.rollout.cache.*} and the library {@code modomodo.policy.*}.
 */
public final class RolloutMetrics {

    private final MeterRegistry registry;
    private final Counter completionTokens;
    private final Counter promptTokens;
    private final Timer seconds;
    private final Timer batchSeconds;
    private final DistributionSummary batchRequests;
    private final DistributionSummary batchSequences;

    public RolloutMetrics(MeterRegistry registry) {
        this.registry = registry;
        completionTokens = Counter.builder("modomodo.rollout.completion.tokens")
                .description("Tokens generated for completed requests").register(registry);
        promptTokens = Counter.builder("modomodo.rollout.prompt.tokens")
                .description("Prompt tokens read for completed requests").register(registry);
        seconds = Timer.builder("modomodo.rollout.seconds")
                .description("Time completed requests spent in the service, queue included").register(registry);
        batchSeconds = Timer.builder("modomodo.rollout.batch.seconds")
                .description("Time of one batched generate call").register(registry);
        batchRequests = DistributionSummary.builder("modomodo.rollout.batch.requests")
                .description("Requests per generate call").register(registry);
        batchSequences = DistributionSummary.builder("modomodo.rollout.batch.sequences")
                .description("Sequences per generate call").register(registry);
    }

    /** Gauges the requests waiting in the queues. */
    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("modomodo.rollout.queue.depth", depth, d -> d.get().doubleValue())
                .description("Requests waiting for a worker").register(registry);
    }

    /** One request ended with {@code outcome}: completed, invalid, busy, timeout or failed. */
    public void request(String outcome) {
        Counter.builder("modomodo.rollout.requests").tag("outcome", outcome)
                .description("Rollout requests by outcome").register(registry).increment();
    }

    /** A completed request. */
    public void completed(long prompt, long completion, Duration elapsed) {
        request("completed");
        promptTokens.increment(prompt);
        completionTokens.increment(completion);
        seconds.record(elapsed);
    }

    /** A generate call of {@code requests} requests and {@code sequences} rows. */
    public void batch(int requests, int sequences, Duration elapsed) {
        batchRequests.record(requests);
        batchSequences.record(sequences);
        batchSeconds.record(elapsed);
    }
}
