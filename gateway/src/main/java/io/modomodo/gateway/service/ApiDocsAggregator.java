package io.modomodo.gateway.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.modomodo.api.problem.NotFoundException;
import io.modomodo.api.problem.ServiceUnavailableException;
import io.modomodo.gateway.config.GatewayLimits;
import io.modomodo.gateway.config.GatewayProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's API as one document: each service's own OpenAPI document, fetched from it, made to
 * address the gateway (servers, API-key security), and all of them merged into one with a tag per
 * service. A service that does not answer is left out and named, never a reason to fail the whole.
 */
@Service
public class ApiDocsAggregator {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsAggregator.class);
    private static final String OPENAPI = "3.1.0";

    /** A service behind the gateway by the name its document is served under. */
    public record Backend(String name, String title, URI base) {
    }

    private final List<Backend> backends;
    private final GatewayLimits limits;
    private final JsonMapper json;
    private final HttpClient client;

    public ApiDocsAggregator(GatewayProperties properties, GatewayLimits limits, JsonMapper json) {
        GatewayProperties.Services services = properties.services();
        this.backends = List.of(new Backend("rollout", "rollout-service", services.rollout()),
                new Backend("reward", "reward-service", services.reward()),
                new Backend("trainer", "trainer-service", services.trainer()),
                new Backend("mixture", "mixture-service", services.mixture()));
        this.limits = limits;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(limits.apiDocsTimeout()).build();
    }

    public List<Backend> backends() {
        return backends;
    }

    /** One service's document, addressed to the gateway; 404 for an unknown name, 503 when it does not answer. */
    public JsonNode service(String name) {
        Backend backend = backends.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("service", name));
        JsonNode document = fetch(backend).join();
        if (document == null) {
            throw new ServiceUnavailableException("the " + backend.title() + "'s API document is not available", null);
        }
        return throughGateway((ObjectNode) document);
    }

    /** Every service's operations in one document; the services that did not answer are named in it. */
    public JsonNode all() {
        Map<Backend, CompletableFuture<JsonNode>> fetches = new LinkedHashMap<>();
        backends.forEach(backend -> fetches.put(backend, fetch(backend)));
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", OPENAPI);
        ObjectNode paths = json.createObjectNode();
        ObjectNode schemas = json.createObjectNode();
        ArrayNode tags = json.createArrayNode();
        List<String> missing = new ArrayList<>();
        fetches.forEach((backend, fetch) -> {
            JsonNode document = fetch.join();
            if (document == null) {
                missing.add(backend.title());
                return;
            }
            tags.addObject().put("name", backend.title()).put("description",
                    document.path("info").path("description").asString(""));
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                if (!path.getKey().startsWith("/api/") || !(path.getValue() instanceof ObjectNode item)) {
                    continue;
                }
                ObjectNode copy = item.deepCopy();
                for (Map.Entry<String, JsonNode> operation : copy.properties()) {
                    if (operation.getValue() instanceof ObjectNode op) {
                        op.set("tags", json.createArrayNode().add(backend.title()));
                        if (op.has("operationId")) {
                            // Ids are unique per service only ("list", "get"): make them unique here.
                            op.put("operationId", backend.name() + "_" + op.path("operationId").asString());
                        }
                    }
                }
                paths.set(path.getKey(), copy);
            }
            for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
                if (!schemas.has(schema.getKey())) {
                    schemas.set(schema.getKey(), schema.getValue());
                }
            }
        });
        String description = "Every service's API through the gateway, one tag per service; send the API key as "
                + "'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
                + (missing.isEmpty() ? "" : " Not available right now: " + String.join(", ", missing) + ".");
        merged.set("info", json.createObjectNode().put("title", "MoDoMoDo platform").put("version", "v1")
                .put("description", description));
        merged.set("tags", tags);
        merged.set("paths", paths);
        merged.set("components", json.createObjectNode().set("schemas", schemas));
        ArrayNode unavailable = merged.putArray("x-unavailable-services");
        missing.forEach(unavailable::add);
        return throughGateway(merged);
    }

    /** Points a document at the gateway and declares the API key the gateway asks for. */
    private ObjectNode throughGateway(ObjectNode document) {
        document.set("servers", json.createArrayNode().add(json.createObjectNode().put("url", "/")
                .put("description", "The gateway")));
        ObjectNode components = document.has("components") && document.get("components") instanceof ObjectNode c
                ? c : document.putObject("components");
        ObjectNode schemes = components.has("securitySchemes")
                && components.get("securitySchemes") instanceof ObjectNode s ? s : components.putObject("securitySchemes");
        schemes.set("bearerKey", json.createObjectNode().put("type", "http").put("scheme", "bearer")
                .put("description", "The API key as a bearer token: Authorization: Bearer <key>"));
        schemes.set("apiKeyHeader", json.createObjectNode().put("type", "apiKey").put("in", "header")
                .put("name", "X-API-Key").put("description", "The API key: X-API-Key: <key>"));
        ArrayNode security = json.createArrayNode();
        security.addObject().putArray("bearerKey");
        security.addObject().putArray("apiKeyHeader");
        document.set("security", security);
        return document;
    }

    /** The service's document, or null (logged) when it does not answer in time or answers badly. */
    private CompletableFuture<JsonNode> fetch(Backend backend) {
        URI uri = backend.base().resolve("/v3/api-docs");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.apiDocsTimeout()).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                log.warn("API document of {} at {} answered {}", backend.title(), uri, response.statusCode());
                return (JsonNode) null;
            }
            JsonNode document = json.readTree(response.body());
            return document instanceof ObjectNode ? document : null;
        }).exceptionally(ex -> {
            log.warn("API document of {} at {} not available: {}", backend.title(), uri, ex.toString());
            return null;
        });
    }
}
