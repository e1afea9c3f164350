package io.modomodo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each service's paths reach that service through the gateway. The backends are four plain HTTP
 * servers that answer with their own name, so a route pointing at the wrong service, or routes
 * configured under keys the gateway ignores, fail here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingIT {

    private static final Map<String, StubBackend> backends = new ConcurrentHashMap<>();
    private static final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"rollout", "reward", "trainer", "mixture"}) {
            StubBackend backend = StubBackend.start(service);
            backends.put(service, backend);
            registry.add("modomodo.gateway.services." + service, backend::url);
        }
    }

    @AfterAll
    static void stopBackends() {
        backends.values().forEach(StubBackend::close);
    }

    @Test
    void routesEachServicesPathsToThatService() throws Exception {
        assertThat(post("/api/v1/rewards/score")).isEqualTo("reward POST /api/v1/rewards/score");
        assertThat(get("/api/v1/rewards/verifiers")).isEqualTo("reward GET /api/v1/rewards/verifiers");
        assertThat(post("/api/v1/rollouts")).isEqualTo("rollout POST /api/v1/rollouts");
        assertThat(get("/api/v1/jobs/42")).isEqualTo("trainer GET /api/v1/jobs/42");
        assertThat(post("/api/v1/jobs")).isEqualTo("trainer POST /api/v1/jobs");
        assertThat(post("/api/v1/jobs/42/cancel")).isEqualTo("trainer POST /api/v1/jobs/42/cancel");
        assertThat(get("/api/v1/jobs/42/metrics?from=3")).isEqualTo("trainer GET /api/v1/jobs/42/metrics?from=3");
        assertThat(get("/api/v1/policies")).isEqualTo("trainer GET /api/v1/policies");
        assertThat(post("/api/v1/policies")).isEqualTo("trainer POST /api/v1/policies");
        assertThat(get("/api/v1/policies/base")).isEqualTo("trainer GET /api/v1/policies/base");
        assertThat(post("/api/v1/studies/s1/executions")).isEqualTo("mixture POST /api/v1/studies/s1/executions");
        assertThat(get("/api/v1/studies/s1/executions/e1")).isEqualTo("mixture GET /api/v1/studies/s1/executions/e1");
        assertThat(post("/api/v1/studies/s1/executions/e1/cancel"))
                .isEqualTo("mixture POST /api/v1/studies/s1/executions/e1/cancel");
        assertThat(get("/api/v1/studies/s1/report?execution=e1"))
                .isEqualTo("mixture GET /api/v1/studies/s1/report?execution=e1");
        assertThat(get("/api/v1/studies/s1/runs?page=0&size=5"))
                .isEqualTo("mixture GET /api/v1/studies/s1/runs?page=0&size=5");
        assertThat(post("/api/v1/studies")).isEqualTo("mixture POST /api/v1/studies");
    }

    @Test
    void givesEveryRequestOneIdThatTheServiceAndTheCallerBothSee() throws Exception {
        HttpResponse<String> minted = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/rewards/verifiers")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String id = minted.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(minted.headers().firstValue("X-Seen-Request-Id")).hasValue(id);

        HttpResponse<String> kept = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/studies")).header("X-Request-Id", "ci-1234.7").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("ci-1234.7");
        assertThat(kept.headers().firstValue("X-Seen-Request-Id")).hasValue("ci-1234.7");

        HttpResponse<String> replaced = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/studies")).header("X-Request-Id", "two words\t")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        String fresh = replaced.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(fresh).matches("[0-9a-f-]{36}");
        assertThat(replaced.headers().firstValue("X-Seen-Request-Id")).hasValue(fresh);
    }

    @Test
    void withNoKeysConfiguredNeedsNoKeyButStillDropsACallerMadeClientName() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/studies")).header("X-Client-Name", "admin").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Seen-Client-Name").orElse("")).isEmpty();
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build());
    }

    private String post(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(request.uri().toString()).isEqualTo(200);
        return response.body();
    }
}
