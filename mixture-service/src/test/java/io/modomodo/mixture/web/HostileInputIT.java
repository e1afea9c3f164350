package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.http.HostileRequests;
import io.modomodo.testing.http.HostileRequests.Operation;
import io.modomodo.testing.postgres.RealPostgres;

/**
 * The shared hostile-input suite against every operation of the mixture-service: never a 5xx, never
 * a Java name in a body, 413 naming the body limit for every oversize body. The body limit is set
 * small here so that oversize bodies stay cheap to send.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "modomodo.mixture.limits.max-body-bytes=" + HostileInputIT.MAX_BODY)
@RealPostgres
class HostileInputIT {

    static final long MAX_BODY = 200_000;

    @LocalServerPort
    int port;

    @Value("${modomodo.mixture.limits.max-body-bytes}")
    long configuredLimit;

    @Test
    void everyOperationAnswersHostileInputWithAProblemNeverA5xxOrAJavaName() {
        assertThat(configuredLimit).isEqualTo(MAX_BODY);
        Http http = new Http(port);
        String study = "/api/v1/studies/" + http.postOk("/api/v1/studies",
                "{\"name\": \"hostile\", \"domains\": [\"a\", \"b\", \"c\"]}", 201).path("id").asString();
        double[][] runs = {{0.6, 0.2, 0.2}, {0.2, 0.6, 0.2}, {0.2, 0.2, 0.6}, {0.4, 0.4, 0.2}};
        for (double[] w : runs) {
            http.postOk(study + "/runs", "{\"weights\": {\"a\": " + w[0] + ", \"b\": " + w[1] + ", \"c\": " + w[2]
                    + "}, \"score\": " + (w[0] - w[2]) + "}", 201);
        }
        HostileRequests suite = HostileRequests.against(port, MAX_BODY, Map.of());
        suite.assertSafe(List.of(
                Operation.post("/api/v1/studies", """
                        {"name": "h", "domains": ["a", "b", "c"], "bounds": {"a": {"min": 0.0, "max": 0.8}}}"""),
                Operation.post(study + "/designs", """
                        {"strategy": "seeds", "count": 3, "seed": 1, "alpha": 1.0}"""),
                Operation.post(study + "/runs", """
                        {"weights": {"a": 0.2, "b": 0.3, "c": 0.5}, "scores": {"x": 0.5}, "score": 0.5,
                         "externalId": "e1"}"""),
                Operation.post(study + "/fits", """
                        {"model": "linear", "folds": 2}"""),
                Operation.post(study + "/proposals", """
                        {"model": "linear", "strategy": "explore", "count": 2, "kappa": 1.0, "minDistance": 0.05}"""),
                Operation.get("/api/v1/studies"),
                Operation.get(study),
                Operation.get(study + "/runs"),
                Operation.get(study + "/fits"),
                Operation.get(study + "/proposals"),
                // Starting an execution would call a trainer; reading them and the report calls nothing.
                Operation.get(study + "/executions"),
                Operation.get(study + "/report")));
        assertThat(suite.sent()).isGreaterThan(500);
    }
}
