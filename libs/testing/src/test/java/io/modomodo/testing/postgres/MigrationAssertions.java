package io.modomodo.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.JdbcTemplate;

final class MigrationAssertions {

    private MigrationAssertions() {
    }

    static void assertProbeMigrationRan(JdbcTemplate jdbc) {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT label FROM probe WHERE id = 1", String.class)).isEqualTo("migrated");
    }
}
