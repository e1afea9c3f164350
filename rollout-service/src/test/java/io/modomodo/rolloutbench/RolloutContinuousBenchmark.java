package io.modomodo.rolloutbench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * Continuous against batch mode through HTTP on a mix of short and long answers: {@code clients}
 * concurrent callers each send {@code requests} unseeded requests of one prompt × {@code samples}
 * completions to the default-size policy, at temperature 1 with a few one-character stop strings. The
 * untrained policy draws nearly uniformly from its 264 tokens, so each stop string ends a row with
 * probability ≈ 1/264 per token: answer lengths are geometric, most short, a few running to
 * {@code maxNewTokens}. The same workload runs against a service started in each mode, one after the
 * other. Reports completion tokens per second and the p50/p95 of request latency seen by the callers.
 *
 * <p>Arguments: modes (default {@code batch,continuous}), clients (8), requests per client (4), samples
 * (8), maxNewTokens (128), stop strings (4), slots (32).
 */
public final class RolloutContinuousBenchmark {

    private static final List<String> STOPS = List.of("a", "e", "o", "t", "n", "s", "r", "i");

    private RolloutContinuousBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] modes = (args.length > 0 ? args[0] : "batch,continuous").split(",");
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int perClient = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int samples = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int tokens = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        int stops = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        int slots = args.length > 6 ? Integer.parseInt(args[6]) : 32;
        Path store = Files.createTempDirectory("rollout-bench");
        ByteTokenizer tokenizer = new ByteTokenizer();
        try (VisionLanguagePolicy policy = VisionLanguagePolicy.initialize(
                PolicyConfig.defaults(tokenizer.vocabularySize()), tokenizer, Device.cpu())) {
            new DirectoryCheckpointStore(new PolicyStoreLayout(store).folder("base")).save(policy, null, Map.of());
        }
        System.out.printf("%d clients × %d requests of 1 prompt × %d samples, maxNewTokens %d, %d stop strings, "
                + "%d slots; intra-op threads %s%n", clients, perClient, samples, tokens, stops, slots,
                System.getProperty("ai.djl.pytorch.num_threads", "default"));
        for (String mode : modes) {
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RolloutServiceApplication.class)
                    .run("--server.port=0", "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                            "--modomodo.rollout.checkpoint-dir=" + store, "--modomodo.rollout.queue.capacity=1000",
                            "--modomodo.rollout.queue.mode=" + mode, "--modomodo.rollout.queue.slots=" + slots)) {
                int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                URI uri = URI.create("http://localhost:" + port + "/api/v1/rollouts");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                run(client, uri, clients, 1, samples, tokens, stops); // warm-up
                List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
                AtomicLong generated = new AtomicLong();
                AtomicLong longRows = new AtomicLong();
                long started = System.nanoTime();
                run(client, uri, clients, perClient, samples, tokens, stops, latencies, generated, longRows);
                double seconds = (System.nanoTime() - started) / 1e9;
                List<Double> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                System.out.printf("%-10s %.1f tokens/s (%d tokens in %.1f s, %d rows at maxNewTokens), "
                        + "latency p50 %.2f s, p95 %.2f s%n", mode, generated.get() / seconds, generated.get(), seconds,
                        longRows.get(), percentile(sorted, 0.50), percentile(sorted, 0.95));
            }
        }
    }

    private static void run(HttpClient client, URI uri, int clients, int perClient, int samples, int tokens, int stops)
            throws Exception {
        run(client, uri, clients, perClient, samples, tokens, stops, Collections.synchronizedList(new ArrayList<>()),
                new AtomicLong(), new AtomicLong());
    }

    private static void run(HttpClient client, URI uri, int clients, int perClient, int samples, int tokens, int stops,
            List<Double> latencies, AtomicLong generated, AtomicLong longRows) throws Exception {
        JsonMapper json = RolloutTestSupport.JSON;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        Map<String, Object> sampling = new LinkedHashMap<>();
                        sampling.put("temperature", 1.0);
                        sampling.put("maxNewTokens", tokens);
                        sampling.put("stop", STOPS.subList(0, stops));
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("policy", Map.of("name", "base"));
                        body.put("prompts", List.of(RolloutTestSupport.prompt("c" + caller + "-" + i,
                                RolloutTestSupport.png(64, caller * 100L + i), "How many shapes are there?")));
                        body.put("samplesPerPrompt", samples);
                        body.put("sampling", sampling);
                        long sent = System.nanoTime();
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latencies.add((System.nanoTime() - sent) / 1e9);
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                        JsonNode answer = json.readTree(response.body());
                        generated.addAndGet(answer.get("stats").get("completionTokens").asLong());
                        for (JsonNode completion : answer.get("completions")) {
                            if ("length".equals(completion.get("finishReason").asString())) {
                                longRows.incrementAndGet();
                            }
                        }
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
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
