package io.modomodo.local.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service jar running as a child process, its output in a log file. */
public final class ServiceProcess {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceSpec spec;
    private final int port;
    private final Path log;
    private final Process process;
    private final long startedNanos = System.nanoTime();

    private ServiceProcess(ServiceSpec spec, int port, Path log, Process process) {
        this.spec = spec;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code java [jvmArgs] -jar jar} with {@code environment} added, stdout and stderr to {@code log}. */
    static ServiceProcess start(ServiceSpec spec, int port, Path java, Path jar, List<String> jvmArgs,
            Map<String, String> environment, Path log) {
        return start(spec, port, java, jar, jvmArgs, environment, log, false);
    }

    /**
     * As {@link #start(ServiceSpec, int, Path, Path, List, Map, Path)}; with {@code appendLog} the log keeps what
     * an earlier process of the service wrote (a restart), else it starts empty.
     */
    static ServiceProcess start(ServiceSpec spec, int port, Path java, Path jar, List<String> jvmArgs,
            Map<String, String> environment, Path log, boolean appendLog) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        try {
            return new ServiceProcess(spec, port, log, builder.start());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start " + spec.name() + " with " + java, ex);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public ServiceSpec spec() {
        return spec;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    /** Seconds since the process was started. */
    public double uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Exit code of a process that has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** True when {@code /actuator/health/readiness} answers 200 with status UP. */
    public boolean isReady() {
        return readinessOf(port).equals("UP");
    }

    /**
     * The readiness of whatever listens on {@code port} of this machine: {@code UP}, another status
     * reported by the service, or {@code not answering}.
     */
    public static String readinessOf(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (response.statusCode() == 200 && body.contains("\"UP\"")) {
                return "UP";
            }
            int at = body.indexOf("\"status\":\"");
            if (at >= 0) {
                int from = at + 10;
                int to = body.indexOf('"', from);
                if (to > from) {
                    return body.substring(from, to);
                }
            }
            return "HTTP " + response.statusCode();
        }
        catch (IOException ex) {
            return "not answering";
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "not answering";
        }
    }

    /** Asks the process (and anything it started) to stop: SIGTERM, so Spring shuts down gracefully. */
    void requestStop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /**
     * Kills the process and anything it started at once (SIGKILL: no shutdown hook, no graceful stop, as a
     * crash or the OOM killer would end it) and waits until it has exited. Returns false when it still runs
     * after {@code wait}.
     */
    boolean kill(Duration wait) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            return process.waitFor(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the process has exited or {@code grace} has passed, then kills it and anything it
     * started. Returns true when it stopped within the grace period.
     */
    boolean awaitStop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        boolean graceful;
        try {
            graceful = process.waitFor(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS);
            if (!graceful) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            graceful = false;
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return graceful;
    }

    /**
     * Why the service stopped, in a few lines of its log: Spring Boot's failure analysis when it wrote
     * one, else the first ERROR line and the innermost {@code Caused by:} of the stack trace (the frames
     * between say nothing to a user), else the log's last lines.
     */
    public String failureSummary() {
        List<String> all;
        try {
            all = Files.readAllLines(log, StandardCharsets.UTF_8);
        }
        catch (IOException | UncheckedIOException ex) {
            return "(could not read " + log + ": " + ex.getMessage() + ")";
        }
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains("APPLICATION FAILED TO START")) {
                return String.join(System.lineSeparator(), all.subList(i, Math.min(all.size(), i + 20)).stream()
                        .filter(line -> !line.isBlank() && !line.startsWith("****")).toList());
            }
        }
        String error = all.stream().filter(line -> line.contains(" ERROR ")).findFirst().orElse(null);
        String cause = null;
        for (int i = all.size() - 1; i >= 0 && cause == null; i--) {
            if (all.get(i).startsWith("Caused by: ")) {
                cause = all.get(i);
            }
        }
        if (error == null && cause == null) {
            return logTail(15);
        }
        List<String> summary = new ArrayList<>();
        if (error != null) {
            summary.add(shorten(error));
        }
        if (cause != null) {
            summary.add(shorten(cause));
        }
        return String.join(System.lineSeparator(), summary);
    }

    private static String shorten(String line) {
        return line.length() <= 600 ? line : line.substring(0, 600) + " …";
    }

    /** The last {@code lines} lines of the log, to show why a service did not start. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "(could not read " + log + ": " + ex.getMessage() + ")";
        }
    }
}
