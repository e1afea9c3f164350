package io.modomodo.local.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.modomodo.local.platform.FreePorts;
import io.modomodo.local.platform.Launcher;
import io.modomodo.local.platform.PortCheck;

/**
 * {@code ./modomodo demo --preset smoke} as a user runs it: the script, the five service jars as
 * children, the embedded PostgreSQL, a managed study through the gateway. It needs the trainer's
 * jobs and policies, the rollout-service and the mixture-service's managed executions; enable it with
 * {@code -Dmodomodo.e2e=true} (it takes minutes, and every service jar must be packaged).
 */
@DisabledIfSystemProperty(named = "modomodo.e2e", matches = "false")
class DemoAcceptanceIT {

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path work;

    @Test
    void smokeDemoSucceedsWritesItsReportAndLeavesNoProcessBehind() throws Exception {
        int portBase = FreePorts.portBase();
        Launcher demo = Launcher.start(Launcher.repository(), List.of(
                Launcher.repository().resolve("modomodo").toString(), "demo", "--preset", "smoke",
                "--port-base", Integer.toString(portBase), "--work-dir", work.toString(),
                // Five JVMs starting at once on a shared 2-core machine took over 10 minutes under heavy load.
                "--readiness-timeout", "25m"));
        List<Long> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(45);
        int code;
        // Note every descendant while it runs: after the exit they must all be gone.
        while (true) {
            demo.process().descendants().map(ProcessHandle::pid).filter(pid -> !seen.contains(pid)).forEach(seen::add);
            postmasterPid().filter(pid -> !seen.contains(pid)).ifPresent(seen::add);
            if (!demo.process().isAlive() || System.nanoTime() > deadline) {
                code = demo.awaitExit(1, TimeUnit.SECONDS);
                break;
            }
            Thread.sleep(1000);
        }

        assertThat(code).as(demo.output()).isZero();
        assertThat(demo.output()).contains("Result", "Report written to ", "Stopped.");
        List<Path> reports;
        try (Stream<Path> files = Files.list(work.resolve("reports"))) {
            reports = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(reports).hasSize(1);
        JsonNode report = json.readTree(Files.readString(reports.get(0)));
        assertThat(report.isObject() && !report.isEmpty()).isTrue();
        assertThat(seen).as("children seen while the demo ran").hasSizeGreaterThanOrEqualTo(5);
        assertThat(seen).allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true),
                "no child survives");
        // PostgreSQL removes postmaster.pid when it stops cleanly.
        assertThat(work.resolve("postgres/data/postmaster.pid")).doesNotExist();
        for (int port = portBase; port <= portBase + 4; port++) {
            assertThat(PortCheck.isFree(port)).as("port %d", port).isTrue();
        }
    }

    /** The postmaster is not a descendant (pg_ctl detaches it): its data directory names its pid while it runs. */
    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(work.resolve("postgres/data/postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
