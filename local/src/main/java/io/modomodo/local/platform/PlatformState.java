package io.modomodo.local.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a running platform wrote about itself in {@code <work dir>/platform.json}: who launched it, on
 * which ports, with which child pids. {@code status} reads it; the next {@code up} uses it to refuse
 * a second platform on the same data and to name what an earlier, killed launcher left behind.
 */
public record PlatformState(long launcherPid, int portBase, Instant startedAt, Database postgres,
        List<Service> services) {

    public static final String FILE = "platform.json";

    private static final JsonMapper json = JsonMapper.builder().build();

    /** The embedded PostgreSQL. */
    public record Database(long pid, int port, String dataDirectory) {
    }

    /** A service child process. */
    public record Service(String name, int port, long pid, String log) {
    }

    /** Writes the state atomically (temporary file, then rename), so a reader never sees half of it. */
    public void write(Path workDirectory) {
        Path target = workDirectory.resolve(FILE);
        Path temporary = workDirectory.resolve(FILE + ".tmp");
        try {
            Files.writeString(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsString(this));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new java.io.UncheckedIOException("Could not write " + target, ex);
        }
    }

    /** The state in {@code workDirectory}, if a platform wrote one and it can be read. */
    public static Optional<PlatformState> read(Path workDirectory) {
        Path file = workDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), PlatformState.class));
        }
        catch (JacksonException ex) {
            return Optional.empty();
        }
    }

    public static void delete(Path workDirectory) {
        try {
            Files.deleteIfExists(workDirectory.resolve(FILE));
        }
        catch (IOException ex) {
            // A stale file is recognised by its dead launcher pid; nothing depends on removing it.
        }
    }

    public boolean launcherAlive() {
        return alive(launcherPid);
    }

    /** Children of an earlier launcher that are still running (the launcher was killed, not stopped). */
    public List<Long> survivingPids() {
        java.util.ArrayList<Long> pids = new java.util.ArrayList<>();
        services.stream().map(Service::pid).filter(PlatformState::alive).forEach(pids::add);
        if (postgres != null && alive(postgres.pid())) {
            pids.add(postgres.pid());
        }
        return pids;
    }

    static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
