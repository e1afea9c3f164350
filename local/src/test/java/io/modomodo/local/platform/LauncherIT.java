package io.modomodo.local.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modomodo up} as a process of its own, stopped the way Ctrl-C or a CI runner stops it
 * (a signal to the launcher alone): its shutdown hook must take every child down with it.
 */
class LauncherIT {

    @TempDir
    Path work;

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aSignalledLauncherLeavesNoChildRunningAndFreesItsPorts() throws Exception {
        int portBase = FreePorts.portBase();
        Launcher up = Launcher.cli(work, "up", "--services", "reward-service", "--port-base", Integer.toString(portBase),
                "--work-dir", work.toString());
        try {
            assertThat(up.awaitLine("Platform ready", 8, TimeUnit.MINUTES)).as(up.output()).isTrue();
            PlatformState state = PlatformState.read(work).orElseThrow();
            long rewardPid = state.services().get(0).pid();
            long postgresPid = state.postgres().pid();
            assertThat(state.launcherPid()).isEqualTo(up.process().pid());
            assertThat(up.process().descendants().map(ProcessHandle::pid).toList()).contains(rewardPid);

            Launcher status = Launcher.cli(work, "status", "--work-dir", work.toString());
            // Exit 1: only one of the five services runs.
            assertThat(status.awaitExit(2, TimeUnit.MINUTES)).isEqualTo(1);
            assertThat(status.output()).contains("Platform running: launcher pid " + up.process().pid())
                    .containsPattern("reward-service +" + (portBase + 2) + " +" + rewardPid + " +UP")
                    .containsPattern("gateway +" + portBase + " +- +not answering");

            up.terminate();
            // 143: the JVM's exit code after SIGTERM, once its shutdown hook has stopped everything.
            assertThat(up.awaitExit(3, TimeUnit.MINUTES)).isEqualTo(143);

            assertThat(alive(rewardPid)).as("reward-service pid %d", rewardPid).isFalse();
            assertThat(alive(postgresPid)).as("postmaster pid %d", postgresPid).isFalse();
            assertThat(PortCheck.isFree(portBase + 2)).isTrue();
            assertThat(PortCheck.isFree(state.postgres().port())).isTrue();
            assertThat(up.output()).contains("Stopping reward-service", "Stopped.");
        }
        finally {
            up.process().descendants().forEach(ProcessHandle::destroyForcibly);
            up.process().destroyForcibly();
        }
    }

    @Test
    void aPortInUseEndsTheCommandWithOneLineAndExitCodeOne() throws Exception {
        int portBase = FreePorts.portBase();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(portBase + 2));

            Launcher up = Launcher.cli(work, "up", "--services", "reward-service", "--port-base",
                    Integer.toString(portBase), "--work-dir", work.toString());

            assertThat(up.awaitExit(2, TimeUnit.MINUTES)).isEqualTo(1);
            assertThat(up.output().lines().toList()).containsExactly("modomodo: port " + (portBase + 2)
                    + " for reward-service is already in use: stop what holds it, or shift every port with "
                    + "--port-base (e.g. --port-base 18080)");
        }
    }

    @Test
    void theScriptRefusesAnOldJavaInOneLine() throws Exception {
        Path fakeJdk = work.resolve("jdk11");
        Path java = fakeJdk.resolve("bin/java");
        java.getParent().toFile().mkdirs();
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        java.toFile().setExecutable(true);

        ProcessBuilder builder = new ProcessBuilder(Launcher.repository().resolve("modomodo").toString(), "status")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", fakeJdk.toString());
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes()).strip();

        assertThat(script.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(script.exitValue()).isEqualTo(1);
        assertThat(output).isEqualTo("modomodo: Java 11.0.21 found at " + java
                + ", but a JDK 17 or newer is needed (set JAVA_HOME to one)");
    }

    @Test
    void theScriptWithoutAnyJavaSaysToInstallOne() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", Launcher.repository().resolve("modomodo").toString(),
                "status").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        // Only the basic tools the script needs, and no java among them.
        builder.environment().put("PATH", work.toString());
        for (String tool : List.of("dirname", "sed", "awk", "head")) {
            Files.createSymbolicLink(work.resolve(tool), Path.of(which(tool)));
        }
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes()).strip();

        assertThat(script.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(script.exitValue()).isEqualTo(1);
        assertThat(output).isEqualTo("modomodo: no Java found: install a JDK 17 or newer and put it on the PATH "
                + "(or set JAVA_HOME)");
    }

    private static String which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        throw new IllegalStateException(tool + " not found");
    }
}
