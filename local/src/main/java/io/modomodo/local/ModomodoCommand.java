package io.modomodo.local;

import java.io.PrintWriter;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.modomodo.local.cli.DemoCommand;
import io.modomodo.local.cli.JobCommand;
import io.modomodo.local.cli.StatusCommand;
import io.modomodo.local.cli.StudyCommand;
import io.modomodo.local.cli.UpCommand;
import io.modomodo.local.study.Durations;
import io.modomodo.local.study.Preset;

/** {@code modomodo}: the platform on one machine, and managed studies against any gateway. */
@Command(name = "modomodo", mixinStandardHelpOptions = true, version = "modomodo 0.1.0-SNAPSHOT",
        description = "MoDoMoDo: find the data mixture that trains the best model.",
        subcommands = { DemoCommand.class, UpCommand.class, StudyCommand.class, StatusCommand.class, JobCommand.class,
                CommandLine.HelpCommand.class },
        exitCodeOnExecutionException = 1)
public final class ModomodoCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // zonky logs a stack trace when its 5-second pg_ctl stop times out on a loaded machine;
        // EmbeddedDatabase.close() then waits for the postmaster itself, so the trace is only noise.
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres.embedded.EmbeddedPostgres", "off");
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line with its converters and one-line error reporting, writing to {@code out}/{@code err}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new ModomodoCommand());
        line.setOut(out);
        line.setErr(err);
        line.registerConverter(Preset.class, Preset::parse);
        line.registerConverter(Duration.class, Durations::parse);
        line.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (Shutdown.inProgress()) {
                // Ctrl-C: the shutdown hook is stopping everything; what failed because of it is noise.
                return 130;
            }
            if (ex instanceof CliException cli) {
                command.getErr().println("modomodo: " + cli.getMessage());
                return cli.exitCode();
            }
            if (ex instanceof IllegalArgumentException) {
                command.getErr().println("modomodo: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
