package io.modomodo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.testing.http.HostileRequests;
import io.modomodo.testing.http.HostileRequests.Operation;

/**
 * The gateway's own edge: the shared hostile-input suite through it (never a 5xx, never a Java name,
 * 413 naming the gateway's body limit), and one log line for every request, refused ones included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "modomodo.gateway.limits.max-body-bytes=" + GatewayEdgeIT.MAX_BODY)
@ExtendWith(OutputCaptureExtension.class)
class GatewayEdgeIT {

    static final long MAX_BODY = 100_000;
    private static final Map<String, StubBackend> backends = new ConcurrentHashMap<>();
    private static final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"rollout", "reward", "trainer", "mixture"}) {
            StubBackend backend = StubBackend.start(service);
            backends.put(service, backend);
            registry.add("modomodo.gateway.services." + service, backend::url);
        }
        registry.add("modomodo.gateway.api-keys[0].name", () -> "ci");
        registry.add("modomodo.gateway.api-keys[0].key", () -> "ci-secret");
        registry.add("modomodo.gateway.api-keys[0].requests-per-second", () -> "100000");
        registry.add("modomodo.gateway.api-keys[0].burst", () -> "100000");
        registry.add("modomodo.gateway.api-keys[1].name", () -> "tight");
        registry.add("modomodo.gateway.api-keys[1].key", () -> "tight-secret");
        registry.add("modomodo.gateway.api-keys[1].requests-per-second", () -> "0.001");
        registry.add("modomodo.gateway.api-keys[1].burst", () -> "1");
    }

    @AfterAll
    static void stopBackends() {
        backends.values().forEach(StubBackend::close);
    }

    @Test
    void answersHostileInputWithProblemsNeverA5xxOrAJavaName() {
        HostileRequests suite = HostileRequests.against(port, MAX_BODY, Map.of("X-API-Key", "ci-secret"));
        String body = "{\"name\": \"n\", \"domains\": [\"a\", \"b\"], \"bounds\": {\"a\": {\"max\": 0.5}}}";
        suite.assertSafe(List.of(
                Operation.post("/api/v1/studies", body),
                Operation.post("/api/v1/rewards/score", "{\"items\": [{\"id\": \"q\", \"verifier\": \"number\", "
                        + "\"response\": \"4\", \"answer\": \"4\"}]}"),
                Operation.get("/api/v1/studies")));
        assertThat(suite.sent()).isGreaterThan(250);
    }

    @Test
    void logsOneLinePerRequestIncludingRefusals(CapturedOutput output) throws Exception {
        HttpResponse<String> anonymous = send("/api/v1/studies", Map.of("X-Request-Id", "log-401"));
        HttpResponse<String> routed = send("/api/v1/studies", Map.of("X-Request-Id", "log-200",
                "X-API-Key", "ci-secret"));
        send("/api/v1/studies", Map.of("X-API-Key", "tight-secret"));
        HttpResponse<String> limited = send("/api/v1/studies?token=hidden", Map.of("X-Request-Id", "log-429",
                "X-API-Key", "tight-secret"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(limited.statusCode()).isEqualTo(429);

        assertThat(line(output, "log-401")).contains("GET /api/v1/studies 401").contains("client=unknown");
        assertThat(line(output, "log-200")).contains("GET /api/v1/studies 200").contains("client=ci");
        assertThat(line(output, "log-429")).contains("GET /api/v1/studies 429").contains("client=tight")
                .doesNotContain("hidden");
    }

    /** The access log line of the request with this id; exactly one. */
    private static String line(CapturedOutput output, String requestId) {
        List<String> lines = output.getAll().lines()
                .filter(l -> l.contains("[" + requestId + "]") && l.contains("io.modomodo.gateway.access")).toList();
        assertThat(lines).as("access log lines of %s in%n%s", requestId, output.getAll()).hasSize(1);
        return lines.get(0);
    }

    private HttpResponse<String> send(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
