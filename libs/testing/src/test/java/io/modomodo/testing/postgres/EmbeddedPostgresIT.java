package io.modomodo.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Where no Docker engine answers, the embedded server is chosen and the migrations run on it. */
@SpringBootTest(classes = ProbeApplication.class)
@RealPostgres
class EmbeddedPostgresIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcConnectionDetails connectionDetails;

    @BeforeAll
    static void onlyWhereEmbeddedIsSelected() {
        assumeTrue(PostgresBackend.selected() == PostgresBackend.EMBEDDED, "a Docker engine answers here");
    }

    @Test
    void migrationsRunOnAnEmbeddedServer() {
        assertThat(connectionDetails.getJdbcUrl()).startsWith("jdbc:postgresql://localhost:");
        MigrationAssertions.assertProbeMigrationRan(new JdbcTemplate(dataSource));
    }
}
