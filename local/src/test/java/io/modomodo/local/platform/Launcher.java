package io.modomodo.local.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Runs the CLI as a user does, in a process of its own, and collects what it prints. */
public final class Launcher {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> drained;

    private Launcher(Process process) {
        this.process = process;
        this.drained = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    System.out.println("  | " + line);
                }
            }
            catch (IOException ex) {
                // The process is gone.
            }
        });
    }

    /** {@code command…} in {@code directory}, stderr merged into stdout. */
    public static Launcher start(Path directory, List<String> command) throws IOException {
        return new Launcher(new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start());
    }

    /** {@code java -jar <the CLI jar> args…}, the jar the build just packaged. */
    public static Launcher cli(Path directory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PlatformConfig.currentJava().toString(),
                "-Dmodomodo.home=" + repository(), "-jar", System.getProperty("modomodo.local.jar")));
        command.addAll(List.of(args));
        return start(directory, command);
    }

    public static Path repository() {
        return Path.of(System.getProperty("modomodo.repository", "..")).toAbsolutePath().normalize();
    }

    public Process process() {
        return process;
    }

    public String output() {
        return String.join(System.lineSeparator(), lines);
    }

    /** Waits until a printed line contains {@code text}; false when the process ended or the time ran out first. */
    public boolean awaitLine(String text, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(line -> line.contains(text))) {
                return true;
            }
            if (!process.isAlive() && drained.isDone()) {
                return lines.stream().anyMatch(line -> line.contains(text));
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * Sends SIGTERM, as {@code kill} or a CI runner's cancel does. Through the handle: {@link Process#destroy()}
     * would also close the pipes and lose what the process prints while it stops.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the exit code; -1 when the process still runs after the timeout (then it is killed). */
    public int awaitExit(long timeout, TimeUnit unit) throws Exception {
        if (!process.waitFor(timeout, unit)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            return -1;
        }
        drained.get(10, TimeUnit.SECONDS);
        return process.exitValue();
    }
}
