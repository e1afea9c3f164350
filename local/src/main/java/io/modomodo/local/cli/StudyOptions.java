package io.modomodo.local.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import picocli.CommandLine.Option;

import io.modomodo.local.study.Preset;
import io.modomodo.local.study.StudyPlan;

/** What study to run: shared by {@code demo} and {@code study}. */
public final class StudyOptions {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Option(names = "--preset", paramLabel = "PRESET", defaultValue = "quick",
            description = "smoke (minutes, results meaningless: for tests), quick (about 6 minutes of training here) or paper "
                    + "(the paper's protocol at our scale). Default: ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--domains", paramLabel = "DOMAIN", split = ",",
            description = "The study's domains (default: the preset's; smoke: count,attribute; quick: "
                    + "count,attribute,spatial; paper: count,ground,attribute,spatial,arith).")
    List<String> domains;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Base policy to train from; created when missing, reused when it exists "
                    + "(default: smoke-base for smoke, demo-base otherwise).")
    String policy;

    @Option(names = "--name", paramLabel = "NAME", description = "The study's name (default: <command>-<preset>-<time>).")
    String name;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Cancel the execution and fail after this long, e.g. 30m (default: no limit).")
    Duration timeout;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "2s",
            description = "How often to ask for progress (default: ${DEFAULT-VALUE}).")
    Duration poll;

    public Preset preset() {
        return preset;
    }

    public List<String> domains() {
        return domains != null ? List.copyOf(domains) : preset.domains();
    }

    public String policy() {
        return policy != null ? policy : preset.policy();
    }

    StudyPlan plan(String command, Path reportDirectory) {
        String studyName = name != null ? name
                : command + "-" + preset.apiName() + "-" + LocalDateTime.now().format(STAMP);
        return new StudyPlan(studyName, preset, domains(), policy(), reportDirectory, timeout, poll);
    }
}
