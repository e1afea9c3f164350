package io.modomodo.rollout.service;

import static io.modomodo.rollout.RolloutTestSupport.json;
import static io.modomodo.rollout.RolloutTestSupport.request;
import static io.modomodo.rollout.RolloutTestSupport.rollout;
import static io.modomodo.rollout.RolloutTestSupport.sampling;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.rollout.RolloutTestSupport;
import io.modomodo.rollout.config.RolloutProperties;
import tools.jackson.databind.JsonNode;

/**
 * The queue through HTTP, made deterministic by a gate in front of the real runner: while the gate is
 * shut the worker holds the batch it took, so the test knows exactly what waits. Batch mode: these tests
 * pin which requests share a generate call ({@link ContinuousRolloutIT} covers the continuous mode).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modomodo.engine.threads=1",
        "modomodo.rollout.queue.capacity=3",
        "modomodo.rollout.queue.workers=1",
        "modomodo.rollout.queue.mode=batch",
        "modomodo.rollout.queue.retry-after=7s",
        "modomodo.rollout.queue.timeout=6s" })
@Import(RolloutQueueIT.GateConfiguration.class)
class RolloutQueueIT {

    static final Path STORE = RolloutTestSupport.tinyStore();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("modomodo.rollout.checkpoint-dir", STORE::toString);
    }

    /** Batches pass one at a time while the gate is shut; recorded as request counts per call. */
    static final class Gate implements BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> {
        final BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> runner;
        final List<List<Boolean>> batches = Collections.synchronizedList(new ArrayList<>());
        final Semaphore entered = new Semaphore(0);
        volatile Semaphore passes = new Semaphore(Integer.MAX_VALUE / 2);

        Gate(BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> runner) {
            this.runner = runner;
        }

        @Override
        public void accept(List<RolloutJob> batch, Batcher.Refill<RolloutJob> refill) {
            entered.release();
            try {
                passes.tryAcquire(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            batches.add(batch.stream().map(RolloutJob::seeded).toList());
            runner.accept(batch, refill);
        }

        void shut() {
            passes = new Semaphore(0);
            entered.drainPermits();
            batches.clear();
        }

        void open() {
            passes.release(Integer.MAX_VALUE / 2);
        }
    }

    /** Imported, not annotated: component scans (a benchmark's, say) must never pick it up. */
    static class GateConfiguration {

        @Bean
        Gate gate(RolloutMetrics metrics, MeterRegistry registry, RolloutProperties properties) {
            return new Gate(new RolloutRunner(metrics, PolicyMetrics.of(registry), properties.queue()));
        }

        @Bean(destroyMethod = "close")
        @Primary
        Batcher<RolloutJob> gatedBatcher(RolloutProperties properties, Gate gate) {
            RolloutProperties.Queue queue = properties.queue();
            return new Batcher<>(queue.capacity(), queue.workers(),
                    (batch, candidate) -> RolloutJob.canJoin(batch, candidate, queue.maxBatchSequences()), gate,
                    "gated-rollout-worker");
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Gate gate;

    @Autowired
    Batcher<RolloutJob> batcher;

    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void shut() {
        gate.shut();
    }

    @AfterEach
    void open() {
        gate.open();
    }

    @Test
    void aFullQueueAnswers429WithRetryAfterAndWaitingRequestsShareOneGenerateCall() throws Exception {
        CompletableFuture<HttpResponse<String>> running = send(request(1, 2, sampling(1.0, 6, null)));
        assertThat(gate.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(send(request(1 + i, 2, sampling(1.0, 6, null))));
        }
        awaitTrue(() -> batcher.waiting() == 3);

        HttpResponse<String> refused = rollout(port, request(1, 1, sampling(1.0, 6, null)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        JsonNode problem = json(refused);
        assertThat(problem.get("type").asString()).isEqualTo("https://modomodo.io/problems/too-many-requests");
        assertThat(problem.get("retryAfterSeconds").asLong()).isEqualTo(7);

        gate.open();
        assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = waiting.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("completions")).hasSize(2 * (1 + i));
        }
        assertThat(gate.batches).as("the three that waited ran as one generate call")
                .containsExactly(List.of(false), List.of(false, false, false));
        assertThat(registry.get("modomodo.rollout.requests").tag("outcome", "busy").counter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aSeededRequestGetsTheSameCompletionsWhetherOthersWaitWithItOrNot() throws Exception {
        gate.open();
        String alone = json(rollout(port, request(2, 2, sampling(1.0, 8, 7L)))).get("completions").toString();

        gate.shut();
        CompletableFuture<HttpResponse<String>> running = send(request(1, 1, sampling(1.0, 8, null)));
        assertThat(gate.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> before = send(request(2, 2, sampling(1.0, 8, null)));
        awaitTrue(() -> batcher.waiting() == 1);
        CompletableFuture<HttpResponse<String>> seeded = send(request(2, 2, sampling(1.0, 8, 7L)));
        awaitTrue(() -> batcher.waiting() == 2);
        CompletableFuture<HttpResponse<String>> after = send(request(2, 2, sampling(1.0, 8, null)));
        awaitTrue(() -> batcher.waiting() == 3);
        gate.open();

        assertThat(json(seeded.get(30, TimeUnit.SECONDS)).get("completions").toString()).isEqualTo(alone);
        for (CompletableFuture<HttpResponse<String>> other : List.of(running, before, after)) {
            assertThat(other.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(gate.batches).as("the unseeded ones shared a call; the seeded one ran alone")
                .containsExactly(List.of(false), List.of(false, false), List.of(true));
    }

    @Test
    void aRequestThatWaitsPastTheTimeoutIs503AndNeverRuns() throws Exception {
        CompletableFuture<HttpResponse<String>> running = send(request(1, 1, sampling(1.0, 4, null)));
        assertThat(gate.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> waiting = send(request(1, 1, sampling(1.0, 4, null)));
        awaitTrue(() -> batcher.waiting() == 1);

        HttpResponse<String> timedOut = waiting.get(30, TimeUnit.SECONDS);

        assertThat(timedOut.statusCode()).as(timedOut.body()).isEqualTo(503);
        assertThat(timedOut.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(batcher.waiting()).as("withdrawn from the queue").isZero();
        assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
        gate.open();
        awaitTrue(() -> registry.get("modomodo.rollout.cache.leases").gauge().value() == 0);
        assertThat(gate.batches).as("only the batch already running ran").hasSize(1);
    }

    private CompletableFuture<HttpResponse<String>> send(Object request) {
        return CompletableFuture.supplyAsync(() -> rollout(port, request));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
