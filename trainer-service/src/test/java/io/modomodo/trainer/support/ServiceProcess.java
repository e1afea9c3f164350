package io.modomodo.trainer.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.modomodo.api.runtime.NativeMemory;

/** A service jar run as a child process, as in production: its log goes to a file under target/. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java [-Dprops] -jar jar [args]} with the test JVM's PyTorch settings, tuned to start fast. */
    public static ServiceProcess start(String name, Path jar, List<String> args) {
        return start(name, jar, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), args);
    }

    /**
     * Starts {@code java jvmOptions [-Dprops] -jar jar [args]} with the test JVM's PyTorch settings; a benchmark passes
     * the production JVM's options (the C2 compiler included) instead of the ITs' fast-start ones.
     */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is not built; run the ITs through Maven (verify) with -am");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String property : List.of("ai.djl.offline", "ai.djl.pytorch.num_threads",
                "ai.djl.pytorch.num_interop_threads", "java.awt.headless")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Path logs = Files.createDirectories(Path.of("target", "service-logs"));
            Path log = logs.resolve(name + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // As the launchers start a PyTorch service; OpenMP's count only when the test JVM fixed PyTorch's.
            String threads = System.getProperty("ai.djl.pytorch.num_threads");
            builder.environment().putAll(NativeMemory.environment(threads == null ? null : Integer.valueOf(threads)));
            Process process = builder.start();
            return new ServiceProcess(process, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Waits until {@code url} answers 200, or fails with the process log's tail. */
    public void awaitReady(String url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            sleep(300);
        }
        throw new IllegalStateException(url + " not ready after " + timeout + ":\n" + tail());
    }

    public Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook, no graceful stop, the way a node dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
