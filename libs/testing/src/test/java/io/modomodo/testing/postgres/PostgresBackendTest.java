package io.modomodo.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PostgresBackendTest {

    @Test
    void autoPicksDockerOnlyWhenAnEngineAnswers() {
        assertThat(PostgresBackend.choose("auto", () -> true)).isEqualTo(PostgresBackend.DOCKER);
        assertThat(PostgresBackend.choose("auto", () -> false)).isEqualTo(PostgresBackend.EMBEDDED);
        assertThat(PostgresBackend.choose("", () -> false)).isEqualTo(PostgresBackend.EMBEDDED);
    }

    @Test
    void explicitModeWinsWithoutProbingDocker() {
        assertThat(PostgresBackend.choose("embedded", () -> {
            throw new AssertionError("must not probe");
        })).isEqualTo(PostgresBackend.EMBEDDED);
        assertThat(PostgresBackend.choose("DOCKER", () -> false)).isEqualTo(PostgresBackend.DOCKER);
    }

    @Test
    void rejectsUnknownMode() {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresBackend.choose("h2", () -> true))
                .withMessageContaining("auto, docker or embedded");
    }
}
