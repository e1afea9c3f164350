package io.modomodo.trainer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the trainer ITs of one JVM share: a checkpoint store and data root under target/, and the real rollout- and
 * reward-service jars as child processes (the rollout-service reading that store, one PyTorch thread like the
 * trainer, so runs are bit-reproducible). Started once, on first use.
 */
public final class TestServices {

    private static TestServices instance;

    public final Path checkpoints;
    public final Path dataRoot;
    public final ServiceProcess rolloutProcess;
    public final String rolloutUrl;
    public final ServiceProcess rewardProcess;
    public final String rewardUrl;

    private TestServices() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "it-store")).toAbsolutePath();
        checkpoints = Files.createTempDirectory(root, "checkpoints-");
        dataRoot = Files.createTempDirectory(root, "data-");
        int rewardPort = ServiceProcess.freePort();
        rewardProcess = ServiceProcess.start("reward-service", Path.of(System.getProperty("reward.jar",
                "../reward-service/target/reward-service-0.1.0-SNAPSHOT.jar")), List.of("--server.port=" + rewardPort));
        rewardUrl = "http://localhost:" + rewardPort;
        int rolloutPort = ServiceProcess.freePort();
        rolloutProcess = ServiceProcess.start("rollout-service", Path.of(System.getProperty("rollout.jar",
                "../rollout-service/target/rollout-service-0.1.0-SNAPSHOT.jar")), List.of("--server.port=" + rolloutPort,
                        "--modomodo.rollout.checkpoint-dir=" + checkpoints, "--modomodo.engine.threads=1",
                        "--modomodo.engine.interop-threads=1"));
        rolloutUrl = "http://localhost:" + rolloutPort;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rewardProcess.close();
            rolloutProcess.close();
        }));
        rewardProcess.awaitReady(rewardUrl + "/actuator/health/readiness", Duration.ofMinutes(3));
        rolloutProcess.awaitReady(rolloutUrl + "/actuator/health/readiness", Duration.ofMinutes(3));
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            try {
                instance = new TestServices();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return instance;
    }

    /** Trainer settings for fast ITs: this store, these services, short leases and back-offs, tiny defaults. */
    public Map<String, String> trainerProperties() {
        return Map.ofEntries(Map.entry("modomodo.trainer.checkpoint-dir", checkpoints.toString()),
                Map.entry("modomodo.trainer.data-root", dataRoot.toString()),
                Map.entry("modomodo.trainer.services.rollout", rolloutUrl),
                Map.entry("modomodo.trainer.services.reward", rewardUrl),
                Map.entry("modomodo.trainer.runner.poll-interval", "200ms"),
                Map.entry("modomodo.trainer.runner.lease", "3s"),
                Map.entry("modomodo.trainer.runner.retry-initial", "200ms"),
                Map.entry("modomodo.trainer.runner.retry-max", "1s"),
                Map.entry("modomodo.trainer.events-interval", "200ms"),
                Map.entry("modomodo.engine.warm-up", "false"),
                Map.entry("modomodo.engine.threads", "1"),
                Map.entry("modomodo.engine.interop-threads", "1"),
                Map.entry("modomodo.trainer.defaults.eval.max-new-tokens", "8"));
    }

    /** A tiny base policy body: 32x32 images, width 32, one block; two warm-start steps of four examples. */
    public static String tinyPolicy(String name) {
        return """
                {"name": "%s", "seed": 1,
                 "config": {"imageSize": 32, "patchSize": 8, "width": 32, "depth": 1, "heads": 2, "mlpWidth": 64},
                 "warmStart": {"steps": 2, "examples": 4}}""".formatted(name);
    }

    /** Creates a tiny base policy through the API and waits until it is READY. */
    public static void createTinyPolicy(Http http, String name) {
        http.postOk("/api/v1/policies", tinyPolicy(name), 202);
        http.await("/api/v1/policies/" + name, p -> !p.path("status").asString().equals("CREATING"),
                Duration.ofMinutes(2));
        var policy = http.getOk("/api/v1/policies/" + name);
        if (!policy.path("status").asString().equals("READY")) {
            throw new AssertionError("policy " + name + " did not become READY: " + policy);
        }
    }
}
