package io.modomodo.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.modomodo.api.problem.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Completes a service's OpenAPI document the same way everywhere: its title, version and description;
 * the API-key schemes the gateway checks ({@code Authorization: Bearer <key>} or {@code X-API-Key});
 * a {@code Problem} schema (RFC 9457 as this platform writes it); and on every {@code /api/**}
 * operation the problem responses it can give: 400 where it takes a body or parameters, 404 where its
 * path names a resource, 413 where it takes a body, 503 when the service has a database, 500 always.
 * Success codes (201 and the like) are the controller's to declare.
 * <p>
 * A service registers it as a bean: {@code @Bean OpenApiCustomizer apiDocs() { return
 * ApiDocs.customizer("MoDoMoDo mixture-service", "v1", "…", true); }}
 */
public final class ApiDocs {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String BEARER_SCHEME = "bearerKey";
    public static final String HEADER_SCHEME = "apiKeyHeader";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    private ApiDocs() {
    }

    /**
     * @param title the document's title ({@code MoDoMoDo mixture-service})
     * @param version the API version ({@code v1}, as in the paths)
     * @param description what the service does, for the reader of the document
     * @param database whether the service depends on a database (its operations may answer 503)
     */
    public static OpenApiCustomizer customizer(String title, String version, String description, boolean database) {
        return openApi -> complete(openApi, title, version, description, database);
    }

    /** Applies the conventions to a document in place. */
    public static void complete(OpenAPI openApi, String title, String version, String description,
            boolean database) {
        openApi.setInfo(new Info().title(title).version(version).description(description));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        addSecuritySchemes(openApi);
        components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                addProblemResponses(path, entry.getValue(), database);
            }
        });
    }

    /**
     * The two ways to send a key at the gateway, either of which will do. A service called directly
     * does not check keys; the document is written for callers of the platform's entry point.
     */
    public static void addSecuritySchemes(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("The API key as a bearer token: Authorization: Bearer <key>"));
        components.addSecuritySchemes(HEADER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-API-Key").description("The API key: X-API-Key: <key>"));
        openApi.setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME),
                new SecurityRequirement().addList(HEADER_SCHEME)));
    }

    private static void addProblemResponses(String path, Operation operation, boolean database) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean body = operation.getRequestBody() != null;
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean query = parameters.stream().anyMatch(p -> "query".equals(p.getIn()));
        if (body || query) {
            put(responses, "400", ProblemType.INVALID_REQUEST, "The request is invalid or its body is not JSON; "
                    + "field names the offending value");
        }
        if (path.contains("{")) {
            put(responses, "404", ProblemType.NOT_FOUND, "A resource named in the path does not exist");
        }
        if (body || query) {
            put(responses, "413", ProblemType.LIMIT_EXCEEDED, "The request is larger than a limit of this "
                    + "service (body bytes, list or page sizes, work); limit gives it");
        }
        if (database) {
            put(responses, "503", ProblemType.SERVICE_UNAVAILABLE, "The database does not answer; retry after "
                    + "Retry-After seconds");
        }
        put(responses, "500", ProblemType.INTERNAL, "An internal error; quote requestId when reporting it");
    }

    private static void put(ApiResponses responses, String code, ProblemType type, String description) {
        if (responses.containsKey(code)) {
            return;
        }
        responses.addApiResponse(code, new ApiResponse().description(type.title() + ": " + description)
                .content(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
    }

    /** RFC 9457 as the platform writes it, with its extension members. */
    @SuppressWarnings("rawtypes")
    static Schema problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        StringSchema type = new StringSchema();
        type.format("uri").description("Stable identifier of the kind of problem");
        for (ProblemType problemType : ProblemType.values()) {
            type.addEnumItem(problemType.uri().toString());
        }
        properties.put("type", type);
        properties.put("title", new StringSchema().description("Short summary of the kind of problem"));
        properties.put("status", new IntegerSchema().description("HTTP status code"));
        properties.put("detail", new StringSchema().description("What is wrong with this request"));
        properties.put("instance", new StringSchema().description("The request path"));
        properties.put("requestId", new StringSchema().description("The X-Request-Id of the request"));
        properties.put("field", new StringSchema().description("The offending input: a body path such as "
                + "items[3].answer, a parameter, or body"));
        properties.put("limit", new IntegerSchema().format("int64").description("The limit that was exceeded (413)"));
        properties.put("retryAfterSeconds", new IntegerSchema().description("When to retry (429, 503)"));
        ObjectSchema schema = new ObjectSchema();
        schema.setProperties(properties);
        schema.setRequired(List.of("type", "title", "status"));
        schema.description("An RFC 9457 problem detail");
        return schema;
    }
}
