package io.modomodo.gateway.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP server that plays the mixture- and trainer-service for the console's browser test: a study with
 * seeded pilot runs, a report, a running execution, jobs with per-step metrics and evaluations, and an SSE
 * stream that sends one more step when the test releases it. Every number is drawn from a seeded random
 * generator; the test compares what the page draws with what this server served.
 */
final class ConsoleFixtureBackend implements AutoCloseable {

    static final List<String> DOMAINS = List.of("count", "ground", "attribute");
    static final List<String> BENCHMARKS = List.of("count", "ground", "attribute", "ood-compare", "ood-count-relation");

    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final Random random = new Random(7);
    final UUID studyId = UUID.randomUUID();
    final UUID executionId = UUID.randomUUID();
    final UUID jobId = UUID.randomUUID();
    final List<Map<String, Object>> runs = new ArrayList<>();
    final List<Map<String, Object>> steps = new ArrayList<>();
    final List<Map<String, Object>> evaluations = new ArrayList<>();
    final int jobSteps = 20;
    final CountDownLatch releaseLiveStep = new CountDownLatch(1);
    volatile boolean servicesUp = true;

    private ConsoleFixtureBackend(HttpServer server) {
        this.server = server;
        for (int i = 0; i < 8; i++) {
            Map<String, Double> weights = new LinkedHashMap<>();
            double[] raw = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
            double sum = raw[0] + raw[1] + raw[2];
            for (int d = 0; d < DOMAINS.size(); d++) {
                weights.put(DOMAINS.get(d), raw[d] / sum);
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            BENCHMARKS.forEach(b -> scores.put(b, random.nextDouble()));
            runs.add(Map.of("id", UUID.randomUUID(), "weights", weights, "scores", scores,
                    "score", random.nextDouble(), "externalId", i == 0 ? jobId.toString() : "ci-" + i,
                    "createdAt", Instant.now().toString()));
        }
        for (int s = 1; s <= 12; s++) {
            steps.add(step(s));
        }
        for (int s : new int[] {0, 5, 10}) {
            evaluations.add(evaluation(s));
        }
    }

    private Map<String, Object> step(int s) {
        Map<String, Object> domains = new LinkedHashMap<>();
        for (String d : DOMAINS) {
            domains.put(d, Map.of("prompts", 3, "rewardMean", random.nextDouble() * 2, "accuracy", random.nextDouble(),
                    "formatRate", random.nextDouble()));
        }
        return Map.ofEntries(Map.entry("step", s), Map.entry("at", Instant.now().toString()),
                Map.entry("rewardMean", random.nextDouble() * 2), Map.entry("domains", domains),
                Map.entry("responseLength", 20 + random.nextDouble()), Map.entry("kl", random.nextDouble() / 100),
                Map.entry("clipFraction", random.nextDouble() / 10), Map.entry("entropy", random.nextDouble()),
                Map.entry("gradNorm", random.nextDouble()), Map.entry("learningRate", 2e-4), Map.entry("policyLag", 0),
                Map.entry("seconds", Map.of("sample", 0.01, "rollout", random.nextDouble(), "reward", 0.05,
                        "update", random.nextDouble(), "publish", 0.02, "total", 2.0)));
    }

    private Map<String, Object> evaluation(int s) {
        Map<String, Object> benchmarks = new LinkedHashMap<>();
        BENCHMARKS.forEach(b -> benchmarks.put(b, Map.of("accuracy", random.nextDouble(), "reward", 1.0,
                "formatRate", 1.0, "items", 30)));
        return Map.of("step", s, "at", Instant.now().toString(), "benchmarks", benchmarks,
                "inScore", random.nextDouble(), "outScore", random.nextDouble());
    }

    static ConsoleFixtureBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            ConsoleFixtureBackend backend = new ConsoleFixtureBackend(server);
            server.createContext("/", backend::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    Map<String, Object> job() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", jobId);
        job.put("name", "pilot-1");
        job.put("status", "RUNNING");
        job.put("step", steps.size());
        job.put("steps", jobSteps);
        job.put("spec", Map.of("policy", Map.of("name", "base", "version", 1),
                "mixture", Map.of("count", 0.5, "ground", 0.25, "attribute", 0.25)));
        job.put("createdAt", Instant.now().toString());
        return job;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String study = "/api/v1/studies/" + studyId;
        if (path.equals("/actuator/health/readiness")) {
            send(exchange, servicesUp ? 200 : 503, Map.of("status", servicesUp ? "UP" : "DOWN",
                    "components", Map.of("db", Map.of("status", servicesUp ? "UP" : "DOWN"))));
        } else if (path.equals("/api/v1/studies")) {
            send(exchange, 200, Map.of("studies", List.of(studyJson())));
        } else if (path.equals(study)) {
            send(exchange, 200, studyJson());
        } else if (path.equals(study + "/runs")) {
            send(exchange, 200, Map.of("runs", runs, "page", 0, "size", 200, "total", runs.size()));
        } else if (path.equals(study + "/executions")) {
            send(exchange, 200, Map.of("executions", List.of(execution())));
        } else if (path.equals(study + "/executions/" + executionId)) {
            send(exchange, 200, execution());
        } else if (path.equals(study + "/report")) {
            send(exchange, 200, report());
        } else if (path.equals("/api/v1/jobs")) {
            send(exchange, 200, Map.of("jobs", List.of(job()), "page", 0, "size", 100, "total", 1));
        } else if (path.equals("/api/v1/jobs/" + jobId)) {
            send(exchange, 200, job());
        } else if (path.equals("/api/v1/jobs/" + jobId + "/metrics")) {
            send(exchange, 200, Map.of("steps", steps));
        } else if (path.equals("/api/v1/jobs/" + jobId + "/evaluations")) {
            send(exchange, 200, Map.of("evaluations", evaluations));
        } else if (path.equals("/api/v1/jobs/" + jobId + "/events")) {
            streamOneStep(exchange);
        } else {
            send(exchange, 404, Map.of("type", "https://modomodo.io/problems/not-found", "title", "Not found",
                    "status", 404));
        }
    }

    private Map<String, Object> studyJson() {
        return Map.of("id", studyId, "name", "console-fixture", "domains", DOMAINS, "bounds", Map.of(),
                "createdAt", Instant.now().toString());
    }

    private Map<String, Object> execution() {
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", executionId);
        execution.put("studyId", studyId);
        execution.put("status", "RUNNING");
        execution.put("phase", "final");
        execution.put("jobs", Map.of("planned", 14, "submitted", 10, "finished", 8, "running", 2, "retried", 0));
        execution.put("etaSeconds", 420);
        return execution;
    }

    private Map<String, Object> report() {
        Map<String, Object> fits = new LinkedHashMap<>();
        for (String model : List.of("quadratic", "linear")) {
            List<Map<String, Object>> heldOut = new ArrayList<>();
            for (Map<String, Object> run : runs) {
                heldOut.add(Map.of("actual", run.get("score"),
                        "predicted", (double) run.get("score") + random.nextGaussian() / 20));
            }
            fits.put(model, Map.of("fitId", UUID.randomUUID(), "n", runs.size(), "r2", random.nextDouble(),
                    "rmse", random.nextDouble() / 10, "spearman", random.nextDouble(), "heldOut", heldOut));
        }
        List<Map<String, Object>> finalRuns = new ArrayList<>();
        for (String arm : List.of("proposal", "uniform", "base")) {
            for (int seed = 1; seed <= 3; seed++) {
                Map<String, Double> benchmarks = new LinkedHashMap<>();
                BENCHMARKS.forEach(b -> benchmarks.put(b, random.nextDouble()));
                finalRuns.add(Map.of("arm", arm, "seed", seed, "benchmarks", benchmarks,
                        "inScore", random.nextDouble(), "outScore", random.nextDouble()));
            }
        }
        return Map.of("studyId", studyId, "executionId", executionId, "status", "RUNNING", "surrogate", "quadratic",
                "proposal", Map.of("weights", Map.of("count", 0.6, "ground", 0.1, "attribute", 0.3),
                        "predicted", 0.42, "spread", 0.01),
                "fits", fits, "finalRuns", finalRuns,
                "comparisons", List.of(Map.of("against", "uniform", "metric", "outScore", "n", 3,
                        "meanDifference", 0.031, "low", -0.01, "high", 0.072, "differences", List.of(0.01, 0.03, 0.05))));
    }

    private void streamOneStep(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (releaseLiveStep.await(60, TimeUnit.SECONDS)) {
                Map<String, Object> next = step(steps.size() + 1);
                out.write(("event: step\ndata: " + json.writeValueAsString(next) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(30_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The page navigated away; nothing to clean up.
        }
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
