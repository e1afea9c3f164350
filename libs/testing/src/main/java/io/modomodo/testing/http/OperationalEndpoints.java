package io.modomodo.testing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads health (liveness and readiness), Prometheus metrics and the OpenAPI document of a running
 * service through HTTP, as Kubernetes probes, a Prometheus scraper and a client generator would.
 */
public final class OperationalEndpoints {

    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OperationalEndpoints() {
    }

    public static void assertServedOn(int port) {
        assertUp(port, "/actuator/health/liveness");
        assertUp(port, "/actuator/health/readiness");

        HttpResponse<String> prometheus = get(port, "/actuator/prometheus");
        assertThat(prometheus.statusCode()).as("GET /actuator/prometheus").isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");

        HttpResponse<String> apiDocs = get(port, "/v3/api-docs");
        assertThat(apiDocs.statusCode()).as("GET /v3/api-docs").isEqualTo(200);
        assertThat(apiDocs.body()).contains("\"openapi\"");

        HttpResponse<String> unknown = get(port, "/api/v1/no-such-resource");
        assertThat(unknown.statusCode()).as("GET of an unknown path").isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unknown.body()).contains("\"type\":\"https://modomodo.io/problems/not-found\"")
                .contains("\"instance\":\"/api/v1/no-such-resource\"");
    }

    private static void assertUp(int port, String path) {
        HttpResponse<String> health = get(port, path);
        assertThat(health.statusCode()).as("GET " + path).isEqualTo(200);
        assertThat(health.body()).as("GET " + path).contains("\"status\":\"UP\"");
    }

    public static HttpResponse<String> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new AssertionError("GET " + path + " failed: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted during GET " + path, ex);
        }
    }
}
