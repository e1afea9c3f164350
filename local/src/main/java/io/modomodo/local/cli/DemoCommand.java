package io.modomodo.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.modomodo.local.platform.Platform;
import io.modomodo.local.platform.PlatformConfig;
import io.modomodo.local.platform.ServiceSpec;
import io.modomodo.local.study.GatewayApi;
import io.modomodo.local.study.StudyDriver;
import io.modomodo.local.study.StudyOutcome;

/** {@code modomodo demo}: the platform, one managed study through its gateway, the result, then everything stopped. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = { "Start the platform, run a managed mixture study through the gateway with a progress bar, "
                + "print the result table, write .modomodo/reports/<study id>.json and stop every process.",
                "Exit code 0 only when the study's execution succeeded." })
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Mixin
    StudyOptions study;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PlatformConfig config = platform.config(ServiceSpec.ALL);
        out.printf("modomodo demo: preset %s over %s, base policy %s%n", study.preset().apiName(),
                String.join(", ", study.domains()), study.policy());
        out.flush();
        try (Platform running = Platform.start(config, out)) {
            StudyDriver driver = new StudyDriver(new GatewayApi(config.gatewayUrl(), null), out, Home.interactive(),
                    running::failure);
            StudyOutcome outcome = driver.run(study.plan("demo", config.reportDirectory()));
            return outcome.succeeded() ? 0 : 1;
        }
    }
}
