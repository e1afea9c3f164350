package io.modomodo.mixture;

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
class MixtureServiceApplicationIT {

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
                "SELECT count(*) FROM flyway_schema_history WHERE version IN ('1', '2', '3') AND success", Integer.class))
                .isEqualTo(3);
        // Other ITs share this context's database, so check the tables exist rather than that they are empty.
        for (String table : new String[] {"study", "run", "fit", "proposal", "execution", "execution_job"}) {
            assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, table))
                    .as(table).isTrue();
        }
    }
}
