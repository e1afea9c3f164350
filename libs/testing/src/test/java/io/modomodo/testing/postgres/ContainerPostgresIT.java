package io.modomodo.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Where a Docker engine answers, a container is chosen; elsewhere this class is skipped, not failed. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = ProbeApplication.class)
@RealPostgres
class ContainerPostgresIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    PostgreSQLContainer container;

    @Test
    void migrationsRunInAContainer() {
        assertThat(container.isRunning()).isTrue();
        MigrationAssertions.assertProbeMigrationRan(new JdbcTemplate(dataSource));
    }
}
