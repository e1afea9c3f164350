package io.modomodo.rollout;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.http.OperationalEndpoints;

/** Starts the whole service on a random port and reads what operators and clients rely on. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class RolloutServiceApplicationIT {

    @LocalServerPort
    int port;

    @Test
    void servesHealthMetricsAndApiDocs() {
        OperationalEndpoints.assertServedOn(port);
    }
}
