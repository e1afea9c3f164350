package io.modomodo.local.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import io.modomodo.local.study.GatewayApi;
import io.modomodo.local.study.StudyDriver;
import io.modomodo.local.study.StudyOutcome;

/** {@code modomodo study}: one managed study against any gateway, for CI. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = { "Run a managed mixture study against a running platform's gateway (CI): create the base "
                + "policy if missing, create the study, start the execution, follow it, write the report.",
                "Exit code 0 only when the execution succeeded; 1 when it failed, was cancelled or timed out." })
public final class StudyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--gateway", required = true, paramLabel = "URL",
            description = "The gateway, e.g. https://modomodo.example.com or http://localhost:8080.")
    String gateway;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:MODOMODO_API_KEY}",
            description = "API key sent as 'Authorization: Bearer'; default: the MODOMODO_API_KEY environment variable "
                    + "(keeps the key off the command line).")
    String apiKey;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where <study id>.json is written (default: .modomodo/reports in the repository).")
    Path reportDirectory;

    @Mixin
    StudyOptions study;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path reports = reportDirectory != null ? reportDirectory : Home.defaultWorkDirectory().resolve("reports");
        StudyDriver driver = new StudyDriver(new GatewayApi(gateway, apiKey), out, Home.interactive(), Optional::empty);
        StudyOutcome outcome = driver.run(study.plan("study", reports.toAbsolutePath()));
        return outcome.succeeded() ? 0 : 1;
    }
}
