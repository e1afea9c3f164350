package io.modomodo.testing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a service's (or the gateway's) OpenAPI document and checks what a client generator and a
 * reader need: a title and version, the API-key schemes, and on every operation a success code and
 * the problem responses it can give, each with a problem schema.
 */
public final class OpenApiDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiDocuments() {
    }

    /** The document served at {@code path} (e.g. {@code /v3/api-docs}) on localhost:{@code port}. */
    public static JsonNode read(int port, String path) {
        var response = OperationalEndpoints.get(port, path);
        assertThat(response.statusCode()).as("GET %s → %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The {@code METHOD path} of every operation under {@code /api/}. */
    public static List<String> operations(JsonNode document) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (List.of("get", "post", "put", "patch", "delete").contains(operation.getKey())) {
                    out.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return out;
    }

    /**
     * Asserts the conventions every document follows.
     *
     * @param database whether the service has a database, so every operation may answer 503
     */
    public static void assertComplete(JsonNode document, String title, boolean database) {
        assertThat(document.path("info").path("title").asString()).isEqualTo(title);
        assertThat(document.path("info").path("version").asString()).isEqualTo("v1");
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerKey").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("apiKeyHeader").path("name").asString()).isEqualTo("X-API-Key");
        assertThat(document.path("security").isArray()).isTrue();
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").has("type")).isTrue();
        assertThat(problem.path("properties").has("field")).isTrue();

        List<String> operations = operations(document);
        assertThat(operations).isNotEmpty();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                String name = entry.getKey() + " " + path.getKey();
                JsonNode responses = operation.path("responses");
                List<String> codes = new ArrayList<>();
                responses.propertyNames().forEach(codes::add);
                assertThat(codes).as("%s responses", name).anyMatch(code -> code.startsWith("2"));
                assertThat(codes).as(name).contains("500");
                boolean takesInput = operation.has("requestBody") || hasQuery(operation);
                if (takesInput) {
                    assertThat(codes).as(name).contains("400", "413");
                }
                if (path.getKey().contains("{")) {
                    assertThat(codes).as(name).contains("404");
                }
                if (database) {
                    assertThat(codes).as(name).contains("503");
                }
                for (String code : codes) {
                    if (code.startsWith("4") || code.startsWith("5")) {
                        assertThat(responses.path(code).path("content").path("application/problem+json")
                                .path("schema").path("$ref").asString()).as("%s %s", name, code)
                                .endsWith("/Problem");
                    }
                }
                assertThat(operation.path("summary").asString()).as("%s summary", name).isNotBlank();
            }
        }
    }

    /** The schema of a component, e.g. {@code CreateStudyRequest}. */
    public static JsonNode schema(JsonNode document, String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema %s", name).isFalse();
        return schema;
    }

    /** The names of a schema's required properties. */
    public static List<String> required(JsonNode document, String schema) {
        List<String> out = new ArrayList<>();
        schema(document, schema).path("required").forEach(node -> out.add(node.asString()));
        return out;
    }

    /** The allowed values of one property of a schema. */
    public static List<String> enumOf(JsonNode document, String schema, String property) {
        List<String> out = new ArrayList<>();
        schema(document, schema).path("properties").path(property).path("enum").forEach(n -> out.add(n.asString()));
        return out;
    }

    private static boolean hasQuery(JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asString())) {
                return true;
            }
        }
        return false;
    }
}
