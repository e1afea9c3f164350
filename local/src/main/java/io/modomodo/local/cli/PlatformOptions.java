package io.modomodo.local.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.Option;

import io.modomodo.local.platform.PlatformConfig;
import io.modomodo.local.platform.ServiceSpec;

/** Where and how the local platform runs: shared by {@code demo}, {@code up} and {@code status}. */
public final class PlatformOptions {

    @Option(names = "--port-base", paramLabel = "PORT", defaultValue = "8080",
            description = "Gateway port; rollout, reward, trainer and mixture take the next four (default: ${DEFAULT-VALUE}).")
    int portBase;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Data, logs, checkpoints and reports (default: .modomodo in the repository).")
    Path workDirectory;

    @Option(names = "--readiness-timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long the services may take to become ready (default: ${DEFAULT-VALUE}).")
    Duration readinessTimeout;

    @Option(names = "--stop-grace", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long a service may take to stop before it is killed (default: ${DEFAULT-VALUE}).")
    Duration stopGrace;

    public int portBase() {
        return portBase;
    }

    public Path workDirectory() {
        return (workDirectory != null ? workDirectory : Home.defaultWorkDirectory()).toAbsolutePath().normalize();
    }

    PlatformConfig config(List<ServiceSpec> services) {
        return new PlatformConfig(Home.repository(), workDirectory(), portBase, services, PlatformConfig.currentJava(),
                readinessTimeout, stopGrace);
    }
}
