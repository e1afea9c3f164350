package io.modomodo.local.platform;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.modomodo.api.runtime.NativeMemory;
import io.modomodo.local.CliException;
import io.modomodo.local.Shutdown;

/**
 * The platform on one machine: an embedded PostgreSQL and the service jars as child processes of
 * this JVM, each on its port, logging to {@code <work dir>/logs/<service>.log}. {@link #close()}
 * (also run by a JVM shutdown hook on Ctrl-C or SIGTERM) stops every child and the database, so no
 * process is left behind and every port is free again. {@link #kill(String)} and {@link #restart(String)}
 * crash one service and bring it back on the same port, database and checkpoints, as the restart tests do.
 */
public final class Platform implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final PlatformConfig config;
    private final PrintWriter out;
    // Written by restart while the shutdown hook may read it.
    private final List<ServiceProcess> children = new CopyOnWriteArrayList<>();
    /** Children ended on purpose by {@link #kill(String)}: their exit is no failure. */
    private final Set<ServiceProcess> killed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable shutdownAction = this::close;
    private EmbeddedDatabase database;

    private Platform(PlatformConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Starts the database and the configured services and waits until each is ready. On any failure
     * everything started so far is stopped again and a {@link CliException} says what went wrong.
     */
    public static Platform start(PlatformConfig config, PrintWriter out) {
        checkJars(config);
        Optional<PlatformState> previous = PlatformState.read(config.workDirectory());
        previous.ifPresent(Platform::refuseSecondPlatform);
        checkPorts(config, previous);
        Platform platform = new Platform(config, out);
        Shutdown.register(platform.shutdownAction);
        try {
            platform.startAll();
            return platform;
        }
        catch (RuntimeException ex) {
            platform.close();
            throw ex;
        }
    }

    private static void checkJars(PlatformConfig config) {
        List<String> missing = config.services().stream()
                .map(ServiceSpec::jarPath)
                .filter(jar -> !Files.isRegularFile(config.repository().resolve(jar)))
                .toList();
        if (!missing.isEmpty()) {
            throw new CliException("missing " + String.join(", ", missing) + " under " + config.repository()
                    + ": build the jars with ./mvnw -B -q package -DskipTests");
        }
    }

    private static void refuseSecondPlatform(PlatformState state) {
        if (state.launcherAlive() && state.launcherPid() != ProcessHandle.current().pid()) {
            throw new CliException("a platform is already running from this directory (launcher pid "
                    + state.launcherPid() + ", gateway on port " + state.portBase()
                    + "): stop it with Ctrl-C in its terminal or kill " + state.launcherPid()
                    + ", or pass another --work-dir");
        }
    }

    private static void checkPorts(PlatformConfig config, Optional<PlatformState> previous) {
        for (ServiceSpec service : config.services()) {
            int port = service.port(config.portBase());
            if (!PortCheck.isFree(port)) {
                String leftovers = previous.map(PlatformState::survivingPids).filter(pids -> !pids.isEmpty())
                        .map(pids -> " (an earlier run that was killed left pids "
                                + pids.stream().map(String::valueOf).collect(Collectors.joining(" "))
                                + " running)")
                        .orElse("");
                throw new CliException("port " + port + " for " + service.name() + " is already in use" + leftovers
                        + ": stop what holds it, or shift every port with --port-base (e.g. --port-base "
                        + (config.portBase() == 18080 ? 28080 : 18080) + ")");
            }
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(config.logDirectory());
            Files.createDirectories(config.checkpointDirectory());
            Files.createDirectories(config.reportDirectory());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create " + config.workDirectory(), ex);
        }
        long started = System.nanoTime();
        say("Starting PostgreSQL (data in %s)", relative(config.postgresDirectory().resolve("data")));
        List<String> databases = ServiceSpec.ALL.stream().map(ServiceSpec::database).filter(d -> d != null).toList();
        database = EmbeddedDatabase.start(config.postgresDirectory(), config.logDirectory().resolve("postgres.log"),
                databases);
        say("  PostgreSQL ready on port %d (%.1f s)", database.port(), (System.nanoTime() - started) / 1e9);

        say("Starting %s (logs in %s)", config.services().stream().map(ServiceSpec::name)
                .collect(Collectors.joining(", ")), relative(config.logDirectory()));
        for (ServiceSpec service : config.services()) {
            children.add(launch(service, false));
        }
        writeState();
        awaitReadiness(children);
    }

    private ServiceProcess launch(ServiceSpec service, boolean appendLog) {
        return ServiceProcess.start(service, service.port(config.portBase()), config.java(),
                config.repository().resolve(service.jarPath()), jvmArguments(service), environment(service),
                config.logDirectory().resolve(service.name() + ".log"), appendLog);
    }

    /**
     * Kills {@code service}'s child at once with SIGKILL, as a crash or the OOM killer would end it (no
     * graceful shutdown: leases stay taken, requests are cut), and waits until it has exited. Its exit is
     * then no {@link #failure()}; {@link #restart(String)} starts it again.
     *
     * @param service the service's name ({@code trainer-service} or {@code trainer})
     */
    public void kill(String service) {
        ServiceProcess child = child(service);
        killed.add(child);
        if (!child.kill(config.stopGrace())) {
            throw new CliException(child.spec().name() + " (pid " + child.pid() + ") still runs "
                    + config.stopGrace().toSeconds() + " s after SIGKILL");
        }
        say("  %-16s killed (pid %d)", child.spec().name(), child.pid());
    }

    /**
     * Starts {@code service} again after its child has exited (killed, or crashed on its own): the same
     * jar, port, database and checkpoint directory, its log appended to. Waits until it is ready, like
     * {@link #start(PlatformConfig, PrintWriter)}.
     *
     * @throws IllegalStateException when its child still runs, or the platform has been closed
     */
    public void restart(String service) {
        ServiceProcess old = child(service);
        if (old.isAlive()) {
            throw new IllegalStateException(old.spec().name() + " is still running (pid " + old.pid()
                    + "): kill it first");
        }
        if (closed.get()) {
            throw new IllegalStateException("the platform has been stopped");
        }
        say("Restarting %s", old.spec().name());
        ServiceProcess fresh = launch(old.spec(), true);
        children.set(children.indexOf(old), fresh);
        if (closed.get()) {
            // close() ran while this child started and may not have seen it.
            fresh.kill(config.stopGrace());
            throw new IllegalStateException("the platform was stopped while " + old.spec().name() + " restarted");
        }
        writeState();
        awaitReadiness(List.of(fresh));
    }

    private ServiceProcess child(String service) {
        ServiceSpec spec = ServiceSpec.named(service);
        return children.stream().filter(c -> c.spec().equals(spec)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(spec.name() + " is not one of this platform's services "
                        + children.stream().map(c -> c.spec().name()).toList()));
    }

    private void awaitReadiness(List<ServiceProcess> starting) {
        long deadline = System.nanoTime() + config.readinessTimeout().toNanos();
        Set<ServiceProcess> waiting = new LinkedHashSet<>(starting);
        while (!waiting.isEmpty()) {
            for (ServiceProcess child : List.copyOf(waiting)) {
                if (!child.isAlive()) {
                    throw new CliException(child.spec().name() + " exited with code " + child.exitValue()
                            + " before it was ready (its log: " + relative(child.log()) + "):"
                            + System.lineSeparator() + child.failureSummary());
                }
                if (child.isReady()) {
                    waiting.remove(child);
                    say("  %-16s ready on %s (%.1f s)", child.spec().name(), config.url(child.spec()),
                            child.uptimeSeconds());
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(waiting.stream().map(c -> c.spec().name()).collect(Collectors.joining(", "))
                        + " not ready after " + config.readinessTimeout().toSeconds()
                        + " s (raise --readiness-timeout, or see " + relative(config.logDirectory()) + ")");
            }
            sleep(POLL);
        }
    }

    private List<String> jvmArguments(ServiceSpec service) {
        List<String> args = new ArrayList<>(List.of("-Xmx" + service.maxHeap(), "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-Dai.djl.offline=true"));
        if (service.pytorch()) {
            args.add("-Dai.djl.pytorch.num_threads=1");
            args.add("-Dai.djl.pytorch.num_interop_threads=1");
        }
        return args;
    }

    /** The settings each service reads through Spring's relaxed binding, as docker compose sets them. */
    Map<String, String> environment(ServiceSpec service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(service.port(config.portBase())));
        // Local only: nothing on the network reaches the open gateway or the services behind it.
        env.put("SERVER_ADDRESS", "127.0.0.1");
        service.databaseName().ifPresent(db -> {
            env.put("SPRING_DATASOURCE_URL", database.jdbcUrl(db));
            env.put("SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.userOf(db));
            env.put("SPRING_DATASOURCE_PASSWORD", EmbeddedDatabase.userOf(db));
            // Hikari fails the start on its first refused connection by default; on a busy machine, keep trying.
            env.put("SPRING_DATASOURCE_HIKARI_INITIALIZATIONFAILTIMEOUT", "180000");
            env.put("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "60000");
        });
        if (service.pytorch()) {
            env.put("MODOMODO_ENGINE_THREADS", "1");
            env.put("MODOMODO_ENGINE_INTEROPTHREADS", "1");
            // The allocator settings and OpenMP's count for that one thread; without them sampling ran 2.6x slower.
            env.putAll(NativeMemory.environment(1));
        }
        String checkpoints = config.checkpointDirectory().toAbsolutePath().toString();
        switch (service.name()) {
            case "gateway" -> {
                env.put("MODOMODO_GATEWAY_SERVICES_ROLLOUT", config.url(ServiceSpec.ROLLOUT));
                env.put("MODOMODO_GATEWAY_SERVICES_REWARD", config.url(ServiceSpec.REWARD));
                env.put("MODOMODO_GATEWAY_SERVICES_TRAINER", config.url(ServiceSpec.TRAINER));
                env.put("MODOMODO_GATEWAY_SERVICES_MIXTURE", config.url(ServiceSpec.MIXTURE));
            }
            case "rollout-service" -> env.put("MODOMODO_ROLLOUT_CHECKPOINTDIR", checkpoints);
            case "trainer-service" -> {
                env.put("MODOMODO_TRAINER_CHECKPOINTDIR", checkpoints);
                env.put("MODOMODO_TRAINER_SERVICES_ROLLOUT", config.url(ServiceSpec.ROLLOUT));
                env.put("MODOMODO_TRAINER_SERVICES_REWARD", config.url(ServiceSpec.REWARD));
            }
            // Managed studies call the trainer directly: one hop less than through the gateway.
            case "mixture-service" -> env.put("MODOMODO_MIXTURE_EXECUTIONS_TRAINER_URL", config.url(ServiceSpec.TRAINER));
            default -> {
            }
        }
        return env;
    }

    private void writeState() {
        new PlatformState(ProcessHandle.current().pid(), config.portBase(), Instant.now(),
                new PlatformState.Database(database.pid(), database.port(), database.dataDirectory().toString()),
                children.stream().map(c -> new PlatformState.Service(c.spec().name(), c.port(), c.pid(),
                        c.log().toString())).toList())
                .write(config.workDirectory());
    }

    public PlatformConfig config() {
        return config;
    }

    public List<ServiceProcess> children() {
        return List.copyOf(children);
    }

    public Optional<EmbeddedDatabase> database() {
        return Optional.ofNullable(database);
    }

    /** A child that has exited although nobody stopped it, as a sentence; empty while all run. */
    public Optional<String> failure() {
        if (closed.get()) {
            return Optional.empty();
        }
        return children.stream().filter(c -> !c.isAlive() && !killed.contains(c)).findFirst()
                .map(c -> c.spec().name() + " exited with code " + c.exitValue() + " (see " + relative(c.log()) + ")");
    }

    /** Blocks until a child exits on its own; returns what happened. Children started later are not watched. */
    public String awaitFailure() throws InterruptedException {
        CompletableFuture<?>[] exits = children.stream().filter(c -> !killed.contains(c)).map(c -> c.process().onExit())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.anyOf(exits).get();
        }
        catch (java.util.concurrent.ExecutionException ex) {
            // onExit futures complete normally; nothing to unwrap.
        }
        return failure().orElse("a service exited");
    }

    /**
     * Stops every child (SIGTERM, then SIGKILL after the grace period) and then PostgreSQL. Safe to
     * call twice and from the shutdown hook.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (!Shutdown.inProgress()) {
            Shutdown.remove(shutdownAction);
        }
        if (!children.isEmpty()) {
            say("Stopping %s", children.stream().map(c -> c.spec().name()).collect(Collectors.joining(", ")));
        }
        // Gateway first: nothing new comes in while the services behind it finish their requests.
        List<ServiceProcess> stopOrder = new ArrayList<>(children);
        stopOrder.sort((a, b) -> Integer.compare(a.spec().portOffset(), b.spec().portOffset()));
        stopOrder.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + config.stopGrace().toNanos();
        for (ServiceProcess child : stopOrder) {
            boolean graceful = child.awaitStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (!graceful) {
                say("  %s did not stop within %d s: killed", child.spec().name(), config.stopGrace().toSeconds());
            }
        }
        if (database != null) {
            try {
                database.close();
            }
            catch (RuntimeException ex) {
                say("  could not stop PostgreSQL cleanly: %s", ex.getMessage());
            }
        }
        PlatformState.delete(config.workDirectory());
        say("Stopped.");
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private String relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the services", ex);
        }
    }
}
