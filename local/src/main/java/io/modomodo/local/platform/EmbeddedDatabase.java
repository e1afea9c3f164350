package io.modomodo.local.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.modomodo.local.CliException;

/**
 * PostgreSQL 17 from the binaries zonky ships in a Maven jar, with its data kept between runs: the
 * platform's studies, jobs and policies are still there on the next {@code ./modomodo up}. Each
 * stateful service gets its own database and owner, as {@code deploy/postgres/init.sql} sets them up
 * for docker compose.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    /**
     * Read once at start: zonky's own shutdown hook may stop PostgreSQL first, and the pid file is gone
     * a moment before the postmaster is, so it cannot tell {@link #close()} what to wait for.
     */
    private final long pid;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.pid = postmasterPid(dataDirectory).orElse(-1);
    }

    /**
     * Starts PostgreSQL with binaries under {@code directory} and data in {@code directory/data},
     * its output appended to {@code log}, and creates the given databases when they are missing.
     */
    public static EmbeddedDatabase start(Path directory, Path log, List<String> databases) {
        Path data = directory.resolve("data").toAbsolutePath();
        try {
            Files.createDirectories(data);
            stopOrphan(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(directory.toAbsolutePath().toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, data);
            try {
                databases.forEach(database::ensureDatabase);
            }
            catch (RuntimeException ex) {
                database.close();
                throw ex;
            }
            return database;
        }
        catch (IOException ex) {
            throw new CliException("could not start the embedded PostgreSQL (see " + log + "): " + ex.getMessage(), ex);
        }
        catch (IllegalStateException ex) {
            throw new CliException("could not start the embedded PostgreSQL (see " + log + "): " + ex.getMessage(), ex);
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its postmaster running on the data directory, and a second
     * one would refuse to start there. No service can still use it: the ports were checked free.
     */
    private static void stopOrphan(Path data) {
        OptionalLong pid = postmasterPid(data);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid.getAsLong());
        if (orphan.isEmpty() || !orphan.get().isAlive()) {
            return;
        }
        System.out.println("Stopping a PostgreSQL left running by an earlier run (pid " + pid.getAsLong() + ")");
        // SIGTERM is PostgreSQL's smart shutdown; nothing is connected any more.
        orphan.get().destroy();
        if (!awaitExit(orphan.get(), Duration.ofSeconds(30))) {
            orphan.get().destroyForcibly();
            awaitExit(orphan.get(), Duration.ofSeconds(10));
        }
    }

    /** The postmaster's pid from {@code postmaster.pid}, present while PostgreSQL runs on {@code data}. */
    static OptionalLong postmasterPid(Path data) {
        Path file = data.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (IOException | NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    /** The pid of the running postmaster (it is not a child of this JVM: pg_ctl detaches it). */
    public long pid() {
        return pid;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The JDBC URL of {@code database}, over IPv4 loopback like every other local address. Five JVMs
     * starting at once on two cores can keep a connection attempt waiting longer than the driver's
     * default 10 s, so it may take a minute.
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database + "?connectTimeout=60";
    }

    /** The user owning {@code database}; its password is the same word (local only, trust auth). */
    public static String userOf(String database) {
        return database;
    }

    private void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                statement.execute("CREATE USER " + name + " PASSWORD '" + name + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                statement.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        }
        catch (SQLException ex) {
            throw new CliException("could not create the database " + name + " in the embedded PostgreSQL: "
                    + ex.getMessage(), ex);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Stops PostgreSQL (fast shutdown: open sessions are ended) and waits until the postmaster has
     * exited. zonky's {@code pg_ctl stop} gives up after 5 s, which a loaded machine can exceed; then
     * the postmaster gets more time, a SIGTERM, and at last a SIGKILL (PostgreSQL recovers from its WAL
     * on the next start).
     */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        try {
            postgres.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", ex);
        }
        postmaster.ifPresent(process -> {
            if (!awaitExit(process, Duration.ofSeconds(60))) {
                process.destroy();
                if (!awaitExit(process, Duration.ofSeconds(30))) {
                    process.destroyForcibly();
                    awaitExit(process, Duration.ofSeconds(10));
                }
            }
        });
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        }
        catch (java.util.concurrent.TimeoutException ex) {
            return !process.isAlive();
        }
        catch (java.util.concurrent.ExecutionException ex) {
            return !process.isAlive();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
