package io.modomodo.rolloutbench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import ai.djl.Device;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.policy.checkpoint.DirectoryCheckpointStore;
import io.modomodo.policy.checkpoint.PolicyStoreLayout;
import io.modomodo.policy.model.PolicyConfig;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.tokenizer.ByteTokenizer;
import io.modomodo.rollout.RolloutServiceApplication;
import io.modomodo.rollout.RolloutTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What batching buys through HTTP: {@code clients} concurrent callers each send requests of one prompt
 * × {@code samples} completions of {@code tokens} new tokens (no stop strings, so every row decodes
 * all of them) to the default-size policy. Rounds alternate between seeded requests (each runs alone in
 * its own generate call) and unseeded ones (waiting requests share a call); the work is otherwise the
 * same. Reports completion tokens per second and the mean requests per generate call, median of rounds.
 *
 * <p>Arguments: rounds (default 3), clients (default 8), requests per client per round (default 2),
 * samples (default 8), new tokens (default 32).
 */
public final class RolloutBatchingBenchmark {

    private RolloutBatchingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int perClient = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int tokens = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        Path store = Files.createTempDirectory("rollout-bench");
        ByteTokenizer tokenizer = new ByteTokenizer();
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(
                PolicyConfig.defaults(tokenizer.vocabularySize()), tokenizer, Device.cpu())) {
            new DirectoryCheckpointStore(new PolicyStoreLayout(store).folder("base")).save(policy, null, Map.of());
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RolloutServiceApplication.class)
                .run("--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                        "--modomodo.rollout.checkpoint-dir=" + store, "--modomodo.rollout.queue.capacity=1000")) {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            URI uri = URI.create("http://localhost:" + port + "/api/v1/rollouts");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            System.out.printf("%d clients × %d requests of 1 prompt × %d samples × %d tokens; intra-op threads %s%n",
                    clients, perClient, samples, tokens, System.getProperty("ai.djl.pytorch.num_threads", "default"));
            round(client, uri, registry, clients, 1, samples, tokens, false);
            double[] seeded = new double[rounds];
            double[] batched = new double[rounds];
            double[] callSize = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                seeded[r] = round(client, uri, registry, clients, perClient, samples, tokens, true)[0];
                double[] unseeded = round(client, uri, registry, clients, perClient, samples, tokens, false);
                batched[r] = unseeded[0];
                callSize[r] = unseeded[1];
                System.out.printf("round %d: seeded %.1f tokens/s, unseeded %.1f tokens/s (%.2f requests per call), "
                        + "ratio %.2f%n", r + 1, seeded[r], batched[r], callSize[r], batched[r] / seeded[r]);
            }
            System.out.printf("median: seeded %.1f tokens/s, unseeded %.1f tokens/s, %.2f requests per call%n",
                    median(seeded), median(batched), median(callSize));
        }
    }

    /** Returns completion tokens per second and mean requests per generate call of the round. */
    private static double[] round(HttpClient client, URI uri, MeterRegistry registry, int clients, int perClient,
            int samples, int tokens, boolean seeded) throws Exception {
        JsonMapper json = RolloutTestSupport.JSON;
        DistributionSummary calls = registry.get("modomodo.rollout.batch.requests").summary();
        long callsBefore = calls.count();
        double requestsBefore = calls.totalAmount();
        AtomicLong generated = new AtomicLong();
        AtomicLong seed = new AtomicLong(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        Map<String, Object> sampling = new LinkedHashMap<>();
                        sampling.put("maxNewTokens", tokens);
                        sampling.put("stop", List.of());
                        if (seeded) {
                            sampling.put("seed", seed.getAndIncrement());
                        }
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("policy", Map.of("name", "base"));
                        body.put("prompts", List.of(RolloutTestSupport.prompt("c" + caller + "-" + i,
                                RolloutTestSupport.png(64, caller * 100L + i), "How many shapes are there?")));
                        body.put("samplesPerPrompt", samples);
                        body.put("sampling", sampling);
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                        JsonNode stats = json.readTree(response.body()).get("stats");
                        generated.addAndGet(stats.get("completionTokens").asLong());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double requestsPerCall = (calls.totalAmount() - requestsBefore) / Math.max(1, calls.count() - callsBefore);
        return new double[] { generated.get() / seconds, requestsPerCall };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
