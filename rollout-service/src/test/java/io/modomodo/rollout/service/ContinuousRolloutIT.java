package io.modomodo.rollout.service;

import static io.modomodo.rollout.RolloutTestSupport.json;
import static io.modomodo.rollout.RolloutTestSupport.png;
import static io.modomodo.rollout.RolloutTestSupport.prompt;
import static io.modomodo.rollout.RolloutTestSupport.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

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

import ai.djl.Device;
import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import io.modomodo.rollout.config.RolloutProperties;
import tools.jackson.databind.JsonNode;

/**
 * The continuous mode through HTTP. A gate in front of the real runner makes it deterministic: it can
 * hold a batch before it runs, and hold the running session at its refill points (between decoding
 * steps), so the test knows which requests share a session and what has finished.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "modomodo.engine.threads=1",
        "modomodo.rollout.queue.capacity=2",
        "modomodo.rollout.queue.workers=1",
        "modomodo.rollout.queue.mode=continuous",
        "modomodo.rollout.queue.slots=4",
        "modomodo.rollout.queue.retry-after=7s",
        "modomodo.rollout.queue.timeout=60s" })
@Import(ContinuousRolloutIT.GateConfiguration.class)
class ContinuousRolloutIT {

    /**
     * A tiny policy with room for long answers (256 text positions), initialised with large weights so
     * that its greedy answers differ from prompt to prompt.
     */
    static final Path STORE = store();

    static final int LONG = 200;

    static final ExecutorService CALLERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "caller");
        thread.setDaemon(true);
        return thread;
    });

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("modomodo.rollout.checkpoint-dir", STORE::toString);
    }

    static Path store() {
        try {
            Path root = Files.createTempDirectory("rollout-store");
            PolicyConfig config = new PolicyConfig(new ByteTokenizer().vocabularySize(), 16, 4, 32, 1, 2, 64, 256, 1e-5,
                    1.0, 5);
            try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(config, new ByteTokenizer(),
                    Device.cpu())) {
                new DirectoryCheckpointStore(new PolicyStoreLayout(root).folder("roomy")).save(policy, null, Map.of());
            }
            return root;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Holds a batch before it runs while {@code passes} has no permit, and, while {@code holdSession} is
     * set, holds the session at its refill points: before anything was taken, until a request waits;
     * once everything taken has been answered, until {@code resume} gets a permit.
     */
    static final class Gate implements BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> {
        final BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> runner;
        final Semaphore entered = new Semaphore(0);
        final List<RolloutJob> taken = Collections.synchronizedList(new ArrayList<>());
        final Semaphore resume = new Semaphore(0);
        volatile Semaphore passes = new Semaphore(Integer.MAX_VALUE / 2);
        volatile boolean holdSession;
        volatile Batcher<RolloutJob> batcher;

        Gate(BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>> runner) {
            this.runner = runner;
        }

        @Override
        public void accept(List<RolloutJob> batch, Batcher.Refill<RolloutJob> refill) {
            entered.release();
            acquire(passes);
            runner.accept(batch, joins -> {
                if (holdSession) {
                    if (taken.isEmpty()) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (batcher.waiting() == 0 && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                    }
                    else if (taken.stream().allMatch(job -> job.result().isDone())) {
                        acquire(resume);
                        holdSession = false;
                    }
                }
                List<RolloutJob> jobs = refill.take(joins);
                taken.addAll(jobs);
                return jobs;
            });
        }

        private static void acquire(Semaphore semaphore) {
            try {
                semaphore.tryAcquire(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }

        void reset() {
            passes = new Semaphore(Integer.MAX_VALUE / 2);
            entered.drainPermits();
            resume.drainPermits();
            taken.clear();
            holdSession = false;
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
            Batcher<RolloutJob> batcher = new Batcher<>(queue.capacity(), queue.workers(),
                    (batch, candidate) -> RolloutJob.canJoin(batch, candidate, queue.maxBatchSequences()),
                    (BiConsumer<List<RolloutJob>, Batcher.Refill<RolloutJob>>) gate, "gated-rollout-worker");
            gate.batcher = batcher;
            return batcher;
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
    void reset() {
        gate.reset();
    }

    @AfterEach
    void release() {
        gate.holdSession = false;
        gate.resume.release();
        gate.passes.release(Integer.MAX_VALUE / 2);
    }

    @Test
    void aShortRequestIsAnsweredWhileALongOneInTheSameSessionStillDecodes() throws Exception {
        // Greedy answers alone, without stop strings, to find a stop string that ends one prompt's answer
        // at once and never occurs in another's.
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JsonNode completion = json(rollout(port, request(i, 1, sampling(0.0, List.of(), null))))
                    .get("completions").get(0);
            assertThat(completion.get("finishReason").asString()).isEqualTo("length");
            texts.add(completion.get("text").asString());
        }
        int shortOne = -1;
        int longOne = -1;
        String stop = null;
        for (int a = 0; a < texts.size() && stop == null; a++) {
            String text = texts.get(a);
            for (int c = 0; c < Math.min(8, text.length()) && stop == null; c++) {
                String start = text.substring(c, c + 1);
                for (int b = 0; b < texts.size() && stop == null; b++) {
                    if (a != b && !start.equals("\uFFFD") && !Character.isSurrogate(start.charAt(0))
                            && !texts.get(b).contains(start)) {
                        shortOne = a;
                        longOne = b;
                        stop = start;
                    }
                }
            }
        }
        assertThat(stop).as("a stop string that ends one answer early and not another, among " + texts).isNotNull();

        gate.entered.drainPermits();
        gate.holdSession = true;
        CompletableFuture<HttpResponse<String>> longRequest = send(request(longOne, 1, sampling(0.0, List.of(stop),
                null)));
        assertThat(gate.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> shortResponse = rollout(port, request(shortOne, 2, sampling(0.0, List.of(stop), null)));

        assertThat(shortResponse.statusCode()).as(shortResponse.body()).isEqualTo(200);
        assertThat(longRequest).as("the long request is held mid-decoding").isNotDone();
        assertThat(gate.taken).as("the short request entered the long one's session").hasSize(1);
        JsonNode shortCompletions = json(shortResponse).get("completions");
        assertThat(shortCompletions).hasSize(2);
        for (JsonNode completion : shortCompletions) {
            assertThat(completion.get("finishReason").asString()).isEqualTo("stop");
            assertThat(completion.get("tokenIds").size()).isLessThan(LONG / 4)
                    .isEqualTo(completion.get("logProbs").size());
            assertThat(texts.get(shortOne)).startsWith(completion.get("text").asString());
        }

        gate.resume.release();
        HttpResponse<String> longResponse = longRequest.get(30, TimeUnit.SECONDS);
        assertThat(longResponse.statusCode()).as(longResponse.body()).isEqualTo(200);
        JsonNode longCompletion = json(longResponse).get("completions").get(0);
        assertThat(longCompletion.get("finishReason").asString()).isEqualTo("length");
        assertThat(longCompletion.get("tokenIds")).hasSize(LONG);
        assertThat(longCompletion.get("logProbs")).hasSize(LONG);
        assertThat(longCompletion.get("text").asString()).as("greedy: the same answer as alone")
                .isEqualTo(texts.get(longOne));
        awaitTrue(() -> registry.get("modomodo.rollout.cache.leases").gauge().value() == 0);
    }

    @Test
    void aSeededRequestNeverEntersASessionAndGetsTheSameCompletionsAsAlone() throws Exception {
        Map<String, Object> seeded = request(1, 3, sampling(1.0, List.of(), 7L));
        String alone = json(rollout(port, seeded)).get("completions").toString();

        gate.entered.drainPermits();
        gate.holdSession = true;
        CompletableFuture<HttpResponse<String>> running = send(request(2, 2, sampling(1.0, List.of(), null)));
        assertThat(gate.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> again = send(seeded);

        assertThat(json(again.get(30, TimeUnit.SECONDS)).get("completions").toString()).isEqualTo(alone);
        assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(gate.taken).as("the seeded request stayed out of the session").isEmpty();
    }

    @Test
    void aFullQueueStillAnswers429AndWaitingRequestsGetTheirOwnCompletions() throws Exception {
        gate.passes = new Semaphore(0);
        CompletableFuture<HttpResponse<String>> running = send(request(0, 2, sampling(1.0, List.of(), null)));
        assertThat(gate.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiting.add(send(request(1 + i, 3 + i, sampling(1.0, List.of(), null))));
        }
        awaitTrue(() -> batcher.waiting() == 2);

        HttpResponse<String> refused = rollout(port, request(3, 1, sampling(1.0, List.of(), null)));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        gate.passes.release(Integer.MAX_VALUE / 2);
        assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = waiting.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode completions = json(response).get("completions");
            assertThat(completions).hasSize(3 + i);
            for (JsonNode completion : completions) {
                assertThat(completion.get("promptId").asString()).isEqualTo("p" + (1 + i));
                assertThat(completion.get("tokenIds").size()).isEqualTo(completion.get("logProbs").size())
                        .isBetween(1, LONG);
            }
        }
        awaitTrue(() -> registry.get("modomodo.rollout.cache.leases").gauge().value() == 0);
    }

    private static Map<String, Object> request(int promptIndex, int samples, Map<String, Object> sampling) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("policy", Map.of("name", "roomy"));
        request.put("prompts", List.of(prompt("p" + promptIndex, png(16, promptIndex), "Which shape is " + promptIndex
                + "?")));
        request.put("samplesPerPrompt", samples);
        request.put("sampling", sampling);
        return request;
    }

    private static Map<String, Object> sampling(double temperature, List<String> stop, Long seed) {
        Map<String, Object> sampling = new LinkedHashMap<>();
        sampling.put("temperature", temperature);
        sampling.put("maxNewTokens", LONG);
        sampling.put("stop", stop);
        if (seed != null) {
            sampling.put("seed", seed);
        }
        return sampling;
    }

    /** Its own threads: the common pool may have one thread on a small machine. */
    private CompletableFuture<HttpResponse<String>> send(Object request) {
        return CompletableFuture.supplyAsync(() -> rollout(port, request), CALLERS);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
