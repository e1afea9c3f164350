package io.modomodo.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.modomodo.testing.http.OperationalEndpoints;
import io.modomodo.testing.postgres.RealPostgres;

/** Starts the whole service on a random port and reads what operators and clients rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class TrainerServiceApplicationIT {

    @LocalServerPort
    int port;

    @Test
    void servesHealthMetricsAndApiDocs() {
        OperationalEndpoints.assertServedOn(port);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ownsItsSchemaThroughFlyway() {
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '1' AND success", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job", Integer.class)).isZero();
    }
}
