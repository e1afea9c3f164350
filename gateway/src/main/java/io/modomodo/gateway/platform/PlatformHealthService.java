package io.modomodo.gateway.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Service;

import io.modomodo.gateway.config.GatewayProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Asks every service's {@code /actuator/health/readiness} at once. A service that does not answer within
 * {@link #TIMEOUT} is UNREACHABLE: a console must never hang on the slowest service.
 */
@Service
public class PlatformHealthService {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final GatewayProperties properties;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PlatformHealthService(GatewayProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    public PlatformHealthResponse check() {
        GatewayProperties.Services services = properties.services();
        Map<String, URI> targets = new LinkedHashMap<>();
        targets.put("reward-service", services.reward());
        targets.put("rollout-service", services.rollout());
        targets.put("trainer-service", services.trainer());
        targets.put("mixture-service", services.mixture());
        List<CompletableFuture<ServiceHealth>> checks = new ArrayList<>();
        targets.forEach((name, base) -> checks.add(check(name, base)));
        List<ServiceHealth> results = new ArrayList<>();
        for (CompletableFuture<ServiceHealth> check : checks) {
            results.add(check.join());
        }
        return new PlatformHealthResponse(Instant.now(), results);
    }

    private CompletableFuture<ServiceHealth> check(String name, URI base) {
        long start = System.nanoTime();
        URI uri = base.resolve("/actuator/health/readiness");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> parse(name, base, response, millisSince(start)))
                .exceptionally(failure -> new ServiceHealth(name, base.toString(), "UNREACHABLE", Map.of(),
                        millisSince(start)));
    }

    private ServiceHealth parse(String name, URI base, HttpResponse<String> response, long millis) {
        Map<String, String> components = new LinkedHashMap<>();
        String status = response.statusCode() == 200 ? "UP" : "DOWN";
        try {
            JsonNode body = json.readTree(response.body());
            if (body.hasNonNull("status")) {
                status = body.get("status").asString();
            }
            JsonNode parts = body.path("components");
            for (String component : parts.propertyNames()) {
                components.put(component, parts.get(component).path("status").asString("UNKNOWN"));
            }
        } catch (RuntimeException notJson) {
            // A proxy's HTML error page is still an answer: the status code decided above stands.
        }
        return new ServiceHealth(name, base.toString(), status, components, millis);
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
