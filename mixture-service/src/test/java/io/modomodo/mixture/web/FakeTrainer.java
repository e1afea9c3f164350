package io.modomodo.mixture.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.modomodo.api.trainer.BenchmarkScore;
import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.EvaluationListResponse;
import io.modomodo.api.trainer.EvaluationResponse;
import io.modomodo.api.trainer.JobOutcome;
import io.modomodo.api.trainer.JobResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trainer-service stand-in that is a real HTTP server implementing the job contract of
 * {@code TrainerClient}: {@code POST /api/v1/jobs} (202 new, 200 for a known externalId),
 * {@code GET /api/v1/jobs/{id}}, {@code GET /api/v1/jobs/{id}/evaluations}, {@code POST …/cancel}.
 * A job finishes after {@link #pollsToFinish} polls with an outcome computed by {@link #outScore}, a
 * known function of the mixture whose maximiser is {@link #TARGET}, so a proposal can be checked. It
 * counts everything, can fail chosen attempts, answer 503 for a while (a restart that forgets
 * nothing), and hold one submission after creating the job (a caller that dies mid-request).
 */
final class FakeTrainer implements AutoCloseable {

    /** The mixture over domains a, b, c that maximises {@link #outScore}. */
    static final double[] TARGET = {0.6, 0.3, 0.1};
    static final double BASE_SCORE = 0.1;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern JOB = Pattern.compile("/api/v1/jobs/([0-9a-f-]{36})(/evaluations|/cancel)?");
    private static final Pattern ATTEMPT = Pattern.compile("-a(\\d+)$");

    final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, UUID> byExternalId = new ConcurrentHashMap<>();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger creations = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final AtomicInteger unavailableFor = new AtomicInteger();
    volatile int pollsToFinish = 2;
    /** (slot, attempt) → whether that attempt fails. */
    volatile BiPredicate<String, Integer> failing = (slot, attempt) -> false;
    private volatile String holdSlot;
    volatile CountDownLatch held = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(1);

    private final HttpServer server;

    static final class Job {
        final UUID id = UUID.randomUUID();
        final CreateJobRequest spec;
        final String slot;
        final int attempt;
        final Instant createdAt = Instant.now();
        volatile String status = "QUEUED";
        volatile int polls;
        volatile JobOutcome outcome;
        volatile String error;
        volatile Instant finishedAt;

        Job(CreateJobRequest spec) {
            this.spec = spec;
            Matcher m = ATTEMPT.matcher(spec.externalId() == null ? "" : spec.externalId());
            this.slot = spec.labels() == null ? null : spec.labels().get("slot");
            this.attempt = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }

        JobResponse response() {
            int steps = spec.steps() == null ? 1 : spec.steps();
            return new JobResponse(id, spec.name(), spec.externalId(), status, null, "SUCCEEDED".equals(status)
                    ? steps : 0, steps, spec, createdAt, createdAt,
                    finishedAt, Instant.now(), error, null, outcome);
        }
    }

    FakeTrainer() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The objective: a concave quadratic in the weights of a, b, c, plus a small seed-dependent wobble. */
    static double outScore(Map<String, Double> w, long seed) {
        double d = 0;
        String[] names = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            double x = w.getOrDefault(names[i], 0.0) - TARGET[i];
            d += x * x;
        }
        return 0.7 - d + 0.01 * Math.sin(3.1 * seed + 7 * w.getOrDefault("a", 0.0));
    }

    static JobOutcome outcome(Map<String, Double> w, long seed, int steps) {
        double out = outScore(w, seed);
        Map<String, BenchmarkScore> benchmarks = new LinkedHashMap<>();
        for (String d : List.of("a", "b", "c")) {
            benchmarks.put(d, score(0.2 + 0.5 * w.getOrDefault(d, 0.0)));
        }
        benchmarks.put("ood-x", score(out));
        benchmarks.put("ood-y", score(out));
        return new JobOutcome(steps, benchmarks, 0.4 + 0.2 * w.getOrDefault("a", 0.0), out);
    }

    private static BenchmarkScore score(double accuracy) {
        return new BenchmarkScore(accuracy, 2 * accuracy, 1.0, 16);
    }

    void unavailableFor(int requests) {
        unavailableFor.set(requests);
    }

    /** The next submission of {@code slot} creates its job, then waits for {@link #release} before answering. */
    void hold(String slot) {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        holdSlot = slot;
    }

    List<Job> jobsOf(String execution) {
        List<Job> out = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.spec.labels() != null && execution.equals(j.spec.labels().get("execution"))) {
                out.add(j);
            }
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (unavailableFor.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                unavailableAnswers.incrementAndGet();
                send(exchange, 503, "{\"type\":\"https://modomodo.io/problems/service-unavailable\",\"status\":503}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/v1/jobs")) {
                submit(exchange);
                return;
            }
            Matcher m = JOB.matcher(path);
            Job job = m.matches() ? jobs.get(UUID.fromString(m.group(1))) : null;
            if (job == null) {
                send(exchange, 404, "{\"status\":404,\"detail\":\"no such job\"}");
                return;
            }
            if (m.group(2) == null && method.equals("GET")) {
                poll(job);
                send(exchange, 200, JSON.writeValueAsString(job.response()));
            }
            else if ("/evaluations".equals(m.group(2))) {
                List<EvaluationResponse> evaluations = new ArrayList<>();
                Map<String, BenchmarkScore> base = new LinkedHashMap<>();
                for (String b : List.of("a", "b", "c", "ood-x", "ood-y")) {
                    base.put(b, score(BASE_SCORE));
                }
                evaluations.add(new EvaluationResponse(0, job.createdAt, base, BASE_SCORE, BASE_SCORE));
                if (job.outcome != null) {
                    evaluations.add(new EvaluationResponse(job.outcome.step(), job.finishedAt,
                            job.outcome.benchmarks(), job.outcome.inScore(), job.outcome.outScore()));
                }
                send(exchange, 200, JSON.writeValueAsString(new EvaluationListResponse(evaluations)));
            }
            else if ("/cancel".equals(m.group(2)) && method.equals("POST")) {
                synchronized (job) {
                    if (job.status.equals("QUEUED") || job.status.equals("RUNNING")) {
                        job.status = "CANCELLED";
                        job.finishedAt = Instant.now();
                        cancels.incrementAndGet();
                    }
                }
                send(exchange, 200, JSON.writeValueAsString(job.response()));
            }
            else {
                send(exchange, 405, "{}");
            }
        }
    }

    private void submit(HttpExchange exchange) throws IOException {
        posts.incrementAndGet();
        CreateJobRequest spec = JSON.readValue(exchange.getRequestBody().readAllBytes(), CreateJobRequest.class);
        Job job;
        boolean created = false;
        synchronized (this) {
            UUID known = spec.externalId() == null ? null : byExternalId.get(spec.externalId());
            if (known != null) {
                job = jobs.get(known);
            }
            else {
                job = new Job(spec);
                jobs.put(job.id, job);
                if (spec.externalId() != null) {
                    byExternalId.put(spec.externalId(), job.id);
                }
                creations.incrementAndGet();
                created = true;
            }
        }
        if (created && job.slot != null && job.slot.equals(holdSlot)) {
            holdSlot = null;
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        send(exchange, created ? 202 : 200, JSON.writeValueAsString(job.response()));
    }

    private void poll(Job job) {
        synchronized (job) {
            if (!job.status.equals("QUEUED") && !job.status.equals("RUNNING")) {
                return;
            }
            job.polls++;
            job.status = "RUNNING";
            if (job.polls < pollsToFinish) {
                return;
            }
            job.finishedAt = Instant.now();
            if (failing.test(job.slot, job.attempt)) {
                job.status = "FAILED";
                job.error = "rollout-service answered 500 at step 1";
                return;
            }
            job.outcome = outcome(job.spec.mixture(), job.spec.seed() == null ? 0 : job.spec.seed(),
                    job.spec.steps() == null ? 1 : job.spec.steps());
            job.status = "SUCCEEDED";
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        catch (IOException clientGone) {
            // The caller hung up (a mixture-service stopped mid-request): the job stays created.
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
