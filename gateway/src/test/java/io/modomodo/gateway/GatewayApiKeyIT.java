package io.modomodo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.gateway.service.Sha256;
import io.modomodo.testing.http.OperationalEndpoints;

/**
 * With API keys configured, {@code /api/v1/**} needs one, each client has its own rate limit, and the
 * service behind the route learns who called. The backend answers with the headers it received, so
 * what the gateway forwards (and what it must not) is visible.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
class GatewayApiKeyIT {

    private static final String HASHED_SECRET = "only-its-digest-is-configured";
    private static final Map<String, StubBackend> backends = new ConcurrentHashMap<>();
    private static final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        // The trainer is "down": its address is a port nobody listens on.
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            registry.add("modomodo.gateway.services.trainer", () -> "http://localhost:" + port);
        }
        for (String service : new String[] {"rollout", "reward", "mixture"}) {
            StubBackend backend = StubBackend.start(service);
            backends.put(service, backend);
            registry.add("modomodo.gateway.services." + service, backend::url);
        }
        // One property source for the whole list: Boot takes a list from one source, never merges.
        registry.add("modomodo.gateway.api-keys[0].name", () -> "ci");
        registry.add("modomodo.gateway.api-keys[0].key", () -> "ci-plain-secret");
        registry.add("modomodo.gateway.api-keys[0].requests-per-second", () -> "1000");
        registry.add("modomodo.gateway.api-keys[0].burst", () -> "1000");
        registry.add("modomodo.gateway.api-keys[1].name", () -> "hashed");
        registry.add("modomodo.gateway.api-keys[1].key-sha256", () -> Sha256.hex(HASHED_SECRET));
        // A rate so low that no token comes back during the test: the fourth request is refused.
        registry.add("modomodo.gateway.api-keys[2].name", () -> "tight");
        registry.add("modomodo.gateway.api-keys[2].key", () -> "tight-secret");
        registry.add("modomodo.gateway.api-keys[2].requests-per-second", () -> "0.001");
        registry.add("modomodo.gateway.api-keys[2].burst", () -> "3");
    }

    @AfterAll
    static void stopBackends() {
        backends.values().forEach(StubBackend::close);
    }

    @Test
    void refusesARequestWithoutAKeyWithA401ProblemThatQuotesTheRequestId() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/studies").header("X-Request-Id", "ci-run-7"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"type\":\"https://modomodo.io/problems/unauthorized\"")
                .contains("\"status\":401")
                .contains("\"instance\":\"/api/v1/studies\"")
                .contains("\"requestId\":\"ci-run-7\"");
        assertThat(response.headers().firstValue("X-Seen-Client-Name")).as("never reached the backend").isEmpty();
    }

    @Test
    void cannotBeBypassedByWritingTheApiPathDifferently() throws Exception {
        for (String path : List.of("/api/v1", "/api/v1/", "//api/v1/studies", "/api//v1/studies",
                "/actuator/../api/v1/studies", "/%61pi/v1/studies", "/api/v1/./studies", "/api;x=1/v1/studies",
                "/API/v1/studies")) {
            HttpResponse<String> response = send(request(path));
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.headers().firstValue("X-Seen-Client-Name")).as(path + " reached a backend").isEmpty();
        }
    }

    @Test
    void refusesAWrongKeyWithoutEchoingIt() throws Exception {
        for (HttpRequest.Builder request : List.of(
                request("/api/v1/jobs").header("X-API-Key", "guessed-secret-123"),
                request("/api/v1/jobs").header("Authorization", "Bearer guessed-secret-123"),
                request("/api/v1/jobs").header("Authorization", "Basic Y2k6Y2ktcGxhaW4tc2VjcmV0"),
                // A client's name is not its key.
                request("/api/v1/jobs").header("X-API-Key", "ci"))) {
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("https://modomodo.io/problems/unauthorized")
                    .doesNotContain("guessed-secret");
            assertThat(response.headers().allValues("WWW-Authenticate").toString()).doesNotContain("guessed");
        }
    }

    @Test
    void acceptsTheKeyAsBearerTokenOrAsXApiKey() throws Exception {
        HttpResponse<String> bearer = send(request("/api/v1/rewards/verifiers")
                .header("Authorization", "Bearer ci-plain-secret"));
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).isEqualTo("reward GET /api/v1/rewards/verifiers");

        HttpResponse<String> header = send(request("/api/v1/rollouts").header("X-API-Key", "ci-plain-secret"));
        assertThat(header.statusCode()).isEqualTo(200);
        assertThat(header.body()).isEqualTo("rollout GET /api/v1/rollouts");
    }

    @Test
    void acceptsAKeyConfiguredOnlyByItsSha256() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/studies").header("X-API-Key", HASHED_SECRET));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Seen-Client-Name")).hasValue("hashed");

        // The digest itself is not a key.
        assertThat(send(request("/api/v1/studies").header("X-API-Key", Sha256.hex(HASHED_SECRET))).statusCode())
                .isEqualTo(401);
    }

    @Test
    void forwardsTheClientNameInsteadOfOneTheCallerMadeUpAndNeverTheKey() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/rollouts")
                .header("Authorization", "Bearer ci-plain-secret")
                .header("X-Client-Name", "admin"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Seen-Client-Name")).hasValue("ci");
        assertThat(response.headers().firstValue("X-Seen-Authorization").orElse("")).isEmpty();

        HttpResponse<String> viaHeader = send(request("/api/v1/rollouts")
                .header("X-API-Key", "ci-plain-secret")
                .header("x-client-name", "admin"));
        assertThat(viaHeader.headers().firstValue("X-Seen-Client-Name")).hasValue("ci");
        assertThat(viaHeader.headers().firstValue("X-Seen-Api-Key").orElse("")).isEmpty();
    }

    @Test
    void leavesProbesMetricsAndApiDocsOpen() {
        for (String probe : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> health = OperationalEndpoints.get(port, probe);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
        }
        assertThat(OperationalEndpoints.get(port, "/actuator/prometheus").statusCode()).isEqualTo(200);
        assertThat(OperationalEndpoints.get(port, "/v3/api-docs").statusCode()).isEqualTo(200);
    }

    @Test
    void limitsEachClientToItsBurstThenAnswers429WithRetryAfterAndLeavesOtherClientsAlone() throws Exception {
        double limitedBefore = count("tight", "limited");
        for (int i = 0; i < 3; i++) {
            assertThat(send(request("/api/v1/studies").header("X-API-Key", "tight-secret")).statusCode())
                    .as("request %d of the burst", i).isEqualTo(200);
        }
        HttpResponse<String> limited = send(request("/api/v1/studies").header("X-API-Key", "tight-secret")
                .header("X-Request-Id", "burst-4"));

        assertThat(limited.statusCode()).isEqualTo(429);
        // 0.001 requests a second: the next token is about 1000 s away.
        assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(990L, 1000L));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(limited.body())
                .contains("\"type\":\"https://modomodo.io/problems/too-many-requests\"")
                .contains("\"status\":429")
                .contains("\"instance\":\"/api/v1/studies\"")
                .contains("\"requestId\":\"burst-4\"")
                .doesNotContain("tight-secret");
        assertThat(count("tight", "limited")).isEqualTo(limitedBefore + 1);

        assertThat(send(request("/api/v1/studies").header("X-API-Key", "ci-plain-secret")).statusCode())
                .isEqualTo(200);
        assertThat(send(request("/api/v1/studies").header("X-API-Key", HASHED_SECRET)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void countsRequestsByClientAndOutcome() throws Exception {
        double allowed = count("ci", "allowed");
        double unauthorized = count("unknown", "unauthorized");
        send(request("/api/v1/studies").header("X-API-Key", "ci-plain-secret"));
        send(request("/api/v1/studies").header("X-API-Key", "nope"));
        send(request("/actuator/health"));

        assertThat(count("ci", "allowed")).isEqualTo(allowed + 1);
        assertThat(count("unknown", "unauthorized")).isEqualTo(unauthorized + 1);
        assertThat(OperationalEndpoints.get(port, "/actuator/prometheus").body())
                .contains("modomodo_gateway_requests_total{application=\"gateway\",client=\"ci\",outcome=\"allowed\"}");
    }

    @Test
    void answersA503ProblemWhenTheServiceBehindTheRouteIsDown() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/jobs/7").header("X-API-Key", "ci-plain-secret")
                .header("X-Request-Id", "down-1"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .contains("\"type\":\"https://modomodo.io/problems/service-unavailable\"")
                .contains("\"instance\":\"/api/v1/jobs/7\"")
                .contains("\"requestId\":\"down-1\"")
                .doesNotContain("localhost");
    }

    private double count(String clientName, String outcome) {
        return meters.get("modomodo.gateway.requests").tag("client", clientName).tag("outcome", outcome).counter()
                .count();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
