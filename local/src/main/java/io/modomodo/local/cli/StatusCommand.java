package io.modomodo.local.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import io.modomodo.local.platform.PlatformState;
import io.modomodo.local.platform.ServiceProcess;
import io.modomodo.local.platform.ServiceSpec;

/** {@code modomodo status}: what runs and how healthy each service is. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = { "Show the local platform (from .modomodo/platform.json) and the readiness of each service "
                + "on its port.", "Exit code 0 only when all five services answer UP." })
public final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    PlatformOptions platform;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path work = platform.workDirectory();
        Optional<PlatformState> state = PlatformState.read(work);
        int portBase = platform.portBase();
        if (state.isPresent() && state.get().launcherAlive()) {
            PlatformState running = state.get();
            portBase = running.portBase();
            out.printf("Platform running: launcher pid %d since %s, work dir %s%n", running.launcherPid(),
                    running.startedAt(), work);
        }
        else if (state.isPresent()) {
            out.printf("No launcher running (pid %d is gone); still alive from it: %s%n", state.get().launcherPid(),
                    state.get().survivingPids().isEmpty() ? "nothing" : state.get().survivingPids());
        }
        else {
            out.printf("No platform started from %s; checking ports %d-%d%n", work, portBase, portBase + 4);
        }
        Map<String, PlatformState.Service> children = state.map(s -> s.services().stream()
                .collect(Collectors.toMap(PlatformState.Service::name, Function.identity())))
                .orElse(Map.of());
        out.printf("  %-16s %6s %8s  %s%n", "service", "port", "pid", "readiness");
        boolean allUp = true;
        for (ServiceSpec service : ServiceSpec.ALL) {
            int port = service.port(portBase);
            PlatformState.Service child = children.get(service.name());
            String pid = child != null && ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false)
                    ? Long.toString(child.pid()) : "-";
            String readiness = ServiceProcess.readinessOf(port);
            allUp &= readiness.equals("UP");
            out.printf("  %-16s %6d %8s  %s%n", service.name(), port, pid, readiness);
        }
        state.map(PlatformState::postgres).ifPresent(db -> out.printf("  %-16s %6d %8s  %s%n", "postgres", db.port(),
                ProcessHandle.of(db.pid()).map(ProcessHandle::isAlive).orElse(false) ? Long.toString(db.pid()) : "-",
                db.dataDirectory()));
        out.flush();
        return allUp ? 0 : 1;
    }
}
