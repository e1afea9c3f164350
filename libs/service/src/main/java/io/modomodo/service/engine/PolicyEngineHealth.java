package io.modomodo.service.engine;

import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import ai.djl.pytorch.jni.JniUtils;
import io.modomodo.api.runtime.NativeMemory;
import io.modomodo.policy.runtime.DjlRuntime;

/**
 * Warms the PyTorch engine up before the service reports ready (runners finish before readiness turns
 * UP), so the first request does not pay seconds of native loading; readiness includes this indicator
 * (registered as {@code policyEngine}), so a broken engine keeps the pod out of the load balancer.
 * Reports the device and the intra-op thread count PyTorch actually uses.
 */
public class PolicyEngineHealth implements HealthIndicator, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngineHealth.class);

    private final EngineProperties properties;
    private final Supplier<DjlRuntime.EngineInfo> starter;
    private volatile DjlRuntime.EngineInfo engine;
    private volatile int threads;
    private volatile String failure;
    private volatile List<String> environmentMissing = List.of();

    public PolicyEngineHealth(EngineProperties properties) {
        this(properties, DjlRuntime::warmUp);
    }

    PolicyEngineHealth(EngineProperties properties, Supplier<DjlRuntime.EngineInfo> starter) {
        this.properties = properties;
        this.starter = starter;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.warmUpAtStart()) {
            warmUp();
        }
    }

    @Override
    public Health health() {
        if (engine == null && failure == null) {
            warmUp();
        }
        DjlRuntime.EngineInfo info = engine;
        if (info == null) {
            return Health.down().withDetail("error", failure).build();
        }
        return Health.up()
                .withDetail("engine", info.engine())
                .withDetail("version", info.version())
                .withDetail("device", info.device())
                .withDetail("gpuCount", info.gpuCount())
                .withDetail("threads", threads)
                .withDetail("warmUpMillis", info.warmUpMillis())
                .withDetail("environment", environmentMissing.isEmpty() ? "as recommended"
                        : "missing " + String.join(" ", environmentMissing))
                .build();
    }

    /** Loads the engine once; later calls return at once. Safe to call from any thread. */
    public synchronized void warmUp() {
        if (engine != null) {
            return;
        }
        try {
            DjlRuntime.EngineInfo info = starter.get();
            threads = intraOpThreads();
            engine = info;
            failure = null;
            log.info("PyTorch engine {} ready on {} with {} intra-op threads in {} ms", info.version(), info.device(),
                    threads, info.warmUpMillis());
            environmentMissing = NativeMemory.missing(System.getenv(), DjlRuntime.configuredThreads());
            if (!environmentMissing.isEmpty()) {
                log.warn("Started without {}: PyTorch on this service's worker threads returns its memory to the "
                        + "kernel after every call, so sampling and training run up to 2.6x slower, and its matrix "
                        + "products may sum in another order than a one-thread run. Set these environment variables "
                        + "before starting the JVM (the modomodo script, the container image and the Kubernetes "
                        + "manifests do).", String.join(" ", environmentMissing));
            }
        }
        catch (RuntimeException | LinkageError ex) {
            failure = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            log.error("PyTorch engine failed to start", ex);
        }
    }

    private static int intraOpThreads() {
        try {
            return JniUtils.getNumThreads();
        }
        catch (RuntimeException | LinkageError ex) {
            // Only the PyTorch engine answers; another engine leaves the figure unknown.
            return -1;
        }
    }
}
