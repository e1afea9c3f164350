package io.modomodo.testing.postgres;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * Which PostgreSQL an integration test gets. Chosen once per JVM: {@code auto} (the default) asks
 * Testcontainers whether a Docker engine answers; {@code docker} or {@code embedded} can be forced
 * with the system property or environment variable {@value #SELECTOR_PROPERTY} /
 * {@code MODOMODO_TEST_POSTGRES}.
 */
public enum PostgresBackend {

    DOCKER, EMBEDDED;

    public static final String SELECTOR_PROPERTY = "modomodo.test.postgres";

    private static volatile PostgresBackend selected;

    /** The backend for this JVM, decided on first use. */
    public static PostgresBackend selected() {
        PostgresBackend backend = selected;
        if (backend == null) {
            synchronized (PostgresBackend.class) {
                if (selected == null) {
                    selected = choose(requestedMode(), PostgresBackend::dockerAnswers);
                }
                backend = selected;
            }
        }
        return backend;
    }

    /**
     * The decision itself, apart from the environment so that it can be tested: an explicit mode
     * wins; {@code auto} probes Docker.
     */
    static PostgresBackend choose(String mode, java.util.function.BooleanSupplier dockerAnswers) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "docker" -> DOCKER;
            case "embedded" -> EMBEDDED;
            case "auto", "" -> dockerAnswers.getAsBoolean() ? DOCKER : EMBEDDED;
            default -> throw new IllegalArgumentException(SELECTOR_PROPERTY + " must be auto, docker or embedded, not '"
                    + mode + "'");
        };
    }

    private static String requestedMode() {
        String mode = System.getProperty(SELECTOR_PROPERTY);
        if (mode == null) {
            mode = System.getenv("MODOMODO_TEST_POSTGRES");
        }
        return mode == null ? "auto" : mode.trim();
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }
}
