package io.modomodo.trainerbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

import io.modomodo.testing.postgres.EmbeddedPostgresCluster;
import io.modomodo.trainer.support.Http;
import io.modomodo.trainer.support.ServiceProcess;
import io.modomodo.trainer.support.TestServices;
import tools.jackson.databind.JsonNode;

/**
 * Steps per second and reward of the same GRPO job in {@code sync} and {@code one-step-off} rollout mode, through
 * the services as they run in production: the reward- and rollout-service jars and the trainer jar as child
 * processes (one PyTorch intra-op thread each, as in the ITs), the trainer on an embedded PostgreSQL. One base
 * policy of the default size is warm-started through the trainer's API; then the two jobs, identical but for the
 * mode, run one after the other on one trainer (one job at a time), in the order given.
 *
 * <p>Steps per second are counted from the end of step 1 to the end of the last step, so the step-0 evaluation, the
 * first (always synchronous) rollout and the final evaluation are left out. The 1-minute load average is sampled
 * every 5 s while each job runs, since the machine is shared.
 *
 * <p>Arguments: steps (30), warm-start steps (100), modes in order ({@code sync,one-step-off}), prompts per step
 * (8), group size (8), maxNewTokens (48). Per-step rewards go to {@code target/one-step-off-rewards.csv}.
 * Run from the trainer-service folder (the jars are found as the ITs find them).
 */
public final class OneStepOffBenchmark {

    private OneStepOffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmStart = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String[] modes = (args.length > 2 ? args[2] : "sync,one-step-off").split(",");
        int prompts = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int group = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int tokens = args.length > 5 ? Integer.parseInt(args[5]) : 48;
        System.out.printf("%s: %d steps of %d prompts × %d samples, ≤ %d new tokens; base warm-started %d steps; "
                + "intra-op threads %s; load %s%n", Instant.now(), steps, prompts, group, tokens, warmStart,
                System.getProperty("ai.djl.pytorch.num_threads", "default"), load());

        JdbcConnectionDetails database = EmbeddedPostgresCluster.newDatabase();
        TestServices services = TestServices.get();
        Map<String, String> properties = new LinkedHashMap<>(services.trainerProperties());
        // A loaded machine may stall a renewal past the ITs' 3 s lease; a lost lease would restart a job mid-run.
        properties.put("modomodo.trainer.runner.lease", "120s");
        int port = ServiceProcess.freePort();
        List<String> trainerArgs = new ArrayList<>();
        properties.forEach((k, v) -> trainerArgs.add("--" + k + "=" + v));
        trainerArgs.add("--server.port=" + port);
        trainerArgs.add("--spring.datasource.url=" + database.getJdbcUrl());
        trainerArgs.add("--spring.datasource.username=" + database.getUsername());
        trainerArgs.add("--spring.datasource.password=" + database.getPassword());
        try (ServiceProcess trainer = ServiceProcess.start("trainer-bench", Path.of(System.getProperty("trainer.jar",
                "target/trainer-service-0.1.0-SNAPSHOT.jar")), trainerArgs)) {
            trainer.awaitReady("http://localhost:" + port + "/actuator/health/readiness", Duration.ofMinutes(5));
            Http http = new Http(port);
            long t0 = System.nanoTime();
            http.postOk("/api/v1/policies", """
                    {"name": "bench", "seed": 1, "warmStart": {"steps": %d}}""".formatted(warmStart), 202);
            JsonNode policy = http.await("/api/v1/policies/bench", p -> !p.path("status").asString().equals("CREATING"),
                    Duration.ofHours(2));
            if (!policy.path("status").asString().equals("READY")) {
                throw new IllegalStateException("the base policy did not become READY: " + policy);
            }
            JsonNode loss = policy.path("warmStartLoss");
            System.out.printf("base: %d parameters, warm start %.0f s, last loss %.3f%n",
                    policy.path("parameterCount").asLong(), (System.nanoTime() - t0) / 1e9,
                    loss.size() == 0 ? Double.NaN : loss.get(loss.size() - 1).asDouble());

            Map<String, List<JsonNode>> runs = new LinkedHashMap<>();
            for (String mode : modes) {
                String body = """
                        {"name": "bench-%s", "policy": {"name": "bench"},
                         "mixture": {"count": 0.2, "ground": 0.2, "attribute": 0.2, "spatial": 0.2, "arith": 0.2},
                         "steps": %d, "promptsPerStep": %d, "groupSize": %d, "sampling": {"maxNewTokens": %d},
                         "eval": {"every": 0, "benchmarks": ["count"], "itemsPerBenchmark": 2},
                         "checkpoint": {"every": 10, "keep": 2}, "seed": 7, "rolloutMode": "%s"}"""
                        .formatted(mode, steps, prompts, group, tokens, mode);
                String id = http.postOk("/api/v1/jobs", body, 202).path("id").asString();
                List<Double> loads = new CopyOnWriteArrayList<>();
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> loads.add(oneMinuteLoad()), 0, 5, TimeUnit.SECONDS);
                JsonNode done;
                try {
                    done = http.await("/api/v1/jobs/" + id, j -> j.path("status").asString()
                            .matches("SUCCEEDED|FAILED|CANCELLED"), Duration.ofHours(3));
                }
                finally {
                    sampler.shutdownNow();
                }
                if (!done.path("status").asString().equals("SUCCEEDED")) {
                    throw new IllegalStateException(mode + " job did not succeed: " + done + "\n" + trainer.tail());
                }
                List<JsonNode> records = new ArrayList<>();
                http.getOk("/api/v1/jobs/" + id + "/metrics").path("steps").forEach(records::add);
                runs.put(mode, records);
                report(mode, records, loads);
            }
            writeRewards(runs, steps);
        }
    }

    private static void report(String mode, List<JsonNode> records, List<Double> loads) {
        int n = records.size();
        Instant first = Instant.parse(records.get(0).path("at").asString());
        Instant last = Instant.parse(records.get(n - 1).path("at").asString());
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        double[] phases = new double[6];
        String[] names = { "sample", "rollout", "reward", "update", "publish", "total" };
        for (JsonNode r : records.subList(1, n)) {
            for (int i = 0; i < names.length; i++) {
                phases[i] += r.path("seconds").path(names[i]).asDouble() / (n - 1);
            }
        }
        StringBuilder lags = new StringBuilder();
        records.forEach(r -> lags.append(r.path("policyLag").asInt()));
        System.out.printf("%n%s: %.4f steps/s (steps 2..%d in %.1f s, %s → %s); load 1-min min %.1f mean %.1f max %.1f%n",
                mode, (n - 1) / seconds, n, seconds, first, last, loads.stream().mapToDouble(d -> d).min().orElse(0),
                loads.stream().mapToDouble(d -> d).average().orElse(0), loads.stream().mapToDouble(d -> d).max()
                        .orElse(0));
        System.out.printf("  mean seconds of steps 2..%d: sample %.3f rollout %.3f reward %.3f update %.3f publish %.3f "
                + "total %.3f%n", n, phases[0], phases[1], phases[2], phases[3], phases[4], phases[5]);
        System.out.println("  policyLag per step: " + lags);
        System.out.printf("  clipFraction mean of steps 2..%d: %.4f%n", n, records.subList(1, n).stream()
                .mapToDouble(r -> r.path("clipFraction").asDouble()).average().orElse(Double.NaN));
        System.out.print("  reward per 10 steps:");
        for (int from = 0; from < n; from += 10) {
            List<JsonNode> block = records.subList(from, Math.min(n, from + 10));
            System.out.printf(" [%d-%d] %.3f", from + 1, from + block.size(), block.stream()
                    .mapToDouble(r -> r.path("rewardMean").asDouble()).average().orElse(Double.NaN));
        }
        System.out.println();
        List<JsonNode> tail = records.subList(Math.max(0, n - 10), n);
        double mean = tail.stream().mapToDouble(r -> r.path("rewardMean").asDouble()).average().orElse(Double.NaN);
        double var = tail.stream().mapToDouble(r -> Math.pow(r.path("rewardMean").asDouble() - mean, 2)).sum()
                / Math.max(1, tail.size() - 1);
        System.out.printf("  last %d steps: reward %.3f ± %.3f (standard error of the step means)%n", tail.size(), mean,
                Math.sqrt(var / tail.size()));
    }

    private static void writeRewards(Map<String, List<JsonNode>> runs, int steps) throws IOException {
        StringBuilder csv = new StringBuilder("step");
        runs.keySet().forEach(mode -> csv.append(',').append(mode));
        csv.append('\n');
        for (int s = 0; s < steps; s++) {
            csv.append(s + 1);
            for (List<JsonNode> records : runs.values()) {
                csv.append(',').append(s < records.size() ? String.format("%.4f", records.get(s).path("rewardMean")
                        .asDouble()) : "");
            }
            csv.append('\n');
        }
        Path out = Path.of("target", "one-step-off-rewards.csv");
        Files.writeString(out, csv);
        System.out.println("\nper-step rewards: " + out.toAbsolutePath());
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        }
        catch (IOException ex) {
            return "unknown";
        }
    }

    private static double oneMinuteLoad() {
        String load = load();
        try {
            return Double.parseDouble(load.split(" ")[0]);
        }
        catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }
}
