package io.modomodo.local.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run the platform on this machine.
 *
 * @param repository the repository root: service jars are found under it
 * @param workDirectory data, logs, checkpoints and reports ({@code ./.modomodo} by default)
 * @param portBase the gateway's port; the others follow it (+1 rollout … +4 mixture)
 * @param services which services to start (all five for {@code demo})
 * @param java the {@code java} executable for the children (the one running this CLI)
 * @param readinessTimeout how long every service may take to become ready
 * @param stopGrace how long a service may take to stop after SIGTERM before it is killed
 */
public record PlatformConfig(Path repository, Path workDirectory, int portBase, List<ServiceSpec> services,
        Path java, Duration readinessTimeout, Duration stopGrace) {

    public PlatformConfig {
        if (portBase < 1024 || portBase > 65535 - 4) {
            throw new IllegalArgumentException("portBase must be between 1024 and 65531, was " + portBase);
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("services must name at least one service");
        }
        services = List.copyOf(services);
    }

    /** The {@code java} of the JVM running now: the children run on the same JDK. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public Path logDirectory() {
        return workDirectory.resolve("logs");
    }

    public Path checkpointDirectory() {
        return workDirectory.resolve("checkpoints");
    }

    public Path postgresDirectory() {
        return workDirectory.resolve("postgres");
    }

    public Path reportDirectory() {
        return workDirectory.resolve("reports");
    }

    public String url(ServiceSpec service) {
        return "http://127.0.0.1:" + service.port(portBase);
    }

    public String gatewayUrl() {
        return url(ServiceSpec.GATEWAY);
    }
}
