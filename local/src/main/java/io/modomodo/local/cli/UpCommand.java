package io.modomodo.local.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.modomodo.local.Shutdown;
import io.modomodo.local.platform.Platform;
import io.modomodo.local.platform.PlatformConfig;
import io.modomodo.local.platform.ServiceSpec;

/** {@code modomodo up}: the platform alone, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the embedded PostgreSQL and the five services and keep them running until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Option(names = "--services", paramLabel = "SERVICE", split = ",", converter = ServiceConverter.class,
            description = "Start only these services, e.g. reward-service,gateway (default: all five).")
    List<ServiceSpec> services;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PlatformConfig config = platform.config(services != null ? services : ServiceSpec.ALL);
        try (Platform running = Platform.start(config, out)) {
            out.printf("Platform ready%s; logs in %s%n", config.services().contains(ServiceSpec.GATEWAY)
                    ? ": gateway " + config.gatewayUrl() : "", config.logDirectory());
            out.println("./modomodo status shows its health; Ctrl-C stops everything.");
            out.flush();
            String failure = running.awaitFailure();
            if (Shutdown.inProgress()) {
                return 0;
            }
            spec.commandLine().getErr().println("modomodo: " + failure + "; stopping the platform");
            return 1;
        }
    }

    static final class ServiceConverter implements picocli.CommandLine.ITypeConverter<ServiceSpec> {
        @Override
        public ServiceSpec convert(String value) {
            return ServiceSpec.named(value);
        }
    }
}
