package io.modomodo.rollout.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.modomodo.policy.runtime.DjlRuntime;

/**
 * Warms the PyTorch engine up before the service reports ready (runners finish before readiness
 * turns UP), so the first request does not pay seconds of native loading; readiness includes this
 * indicator, so a broken engine keeps the pod out of the load balancer.
 */
@Component("policyEngine")
class PolicyEngineHealth implements HealthIndicator, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngineHealth.class);

    private final RolloutProperties properties;
    private volatile DjlRuntime.EngineInfo engine;
    private volatile String failure;

    PolicyEngineHealth(RolloutProperties properties) {
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.warmUpEngine()) {
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
                .withDetail("warmUpMillis", info.warmUpMillis())
                .build();
    }

    private synchronized void warmUp() {
        if (engine != null) {
            return;
        }
        try {
            engine = DjlRuntime.warmUp();
            failure = null;
            log.info("PyTorch engine {} ready on {} in {} ms", engine.version(), engine.device(),
                    engine.warmUpMillis());
        }
        catch (RuntimeException | LinkageError ex) {
            failure = ex.getMessage();
            log.error("PyTorch engine failed to start", ex);
        }
    }
}
