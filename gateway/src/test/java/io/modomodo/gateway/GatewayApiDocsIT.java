package io.modomodo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.testing.http.OpenApiDocuments;
import io.modomodo.testing.http.OperationalEndpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The entry point documents the platform: {@code /v3/api-docs} merges every service's operations,
 * {@code /v3/api-docs/{service}} serves each one's addressed to the gateway with the API-key schemes,
 * the Swagger UI has one entry per service, and a service that is down is named, not fatal. The API
 * is open here; the documents are open with keys too (see {@code GatewayApiKeyIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApiDocsIT {

    private static final Map<String, DocsBackend> backends = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) throws IOException {
        backends.put("reward", DocsBackend.start("MoDoMoDo reward-service", "/api/v1/rewards/verifiers",
                "VerifiersResponse"));
        backends.put("trainer", DocsBackend.start("MoDoMoDo trainer-service", "/api/v1/jobs", "JobPageResponse"));
        backends.put("mixture", DocsBackend.start("MoDoMoDo mixture-service", "/api/v1/studies",
                "StudyListResponse"));
        backends.forEach((name, backend) -> registry.add("modomodo.gateway.services." + name, backend::url));
        // The rollout-service is not running: its address is a port nobody listens on.
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int rolloutPort = closed.getLocalPort();
            registry.add("modomodo.gateway.services.rollout", () -> "http://localhost:" + rolloutPort);
        }
    }

    @AfterAll
    static void stopBackends() {
        backends.values().forEach(DocsBackend::close);
    }

    @Test
    void mergesEveryServicesOperationsIntoOneDocumentAndNamesTheServiceThatIsDown() {
        JsonNode all = OpenApiDocuments.read(port, "/v3/api-docs");
        assertThat(all.path("info").path("title").asString()).isEqualTo("MoDoMoDo platform");
        assertThat(OpenApiDocuments.operations(all)).containsExactlyInAnyOrder("GET /api/v1/rewards/verifiers",
                "GET /api/v1/jobs", "GET /api/v1/studies");
        assertThat(all.path("paths").path("/api/v1/jobs").path("get").path("tags").get(0).asString())
                .isEqualTo("trainer-service");
        List<String> operationIds = new ArrayList<>();
        all.path("paths").forEach(item -> item.forEach(op -> operationIds.add(op.path("operationId").asString())));
        assertThat(operationIds).doesNotHaveDuplicates().contains("reward_list", "trainer_list", "mixture_list");
        assertThat(all.path("components").path("schemas").has("StudyListResponse")).isTrue();
        assertThat(all.path("components").path("schemas").has("JobPageResponse")).isTrue();
        assertThat(all.path("x-unavailable-services").get(0).asString()).isEqualTo("rollout-service");
        assertThat(all.path("info").path("description").asString()).contains("rollout-service");
        assertApiKeySchemes(all);
    }

    @Test
    void servesEachServicesDocumentAddressedToTheGateway() {
        JsonNode mixture = OpenApiDocuments.read(port, "/v3/api-docs/mixture");
        assertThat(mixture.path("info").path("title").asString()).isEqualTo("MoDoMoDo mixture-service");
        assertThat(OpenApiDocuments.operations(mixture)).containsExactly("GET /api/v1/studies");
        assertThat(mixture.path("servers").get(0).path("url").asString()).isEqualTo("/");
        assertApiKeySchemes(mixture);

        var down = OperationalEndpoints.get(port, "/v3/api-docs/rollout");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(down.body()).contains("https://modomodo.io/problems/service-unavailable");

        var unknown = OperationalEndpoints.get(port, "/v3/api-docs/billing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("https://modomodo.io/problems/not-found");
    }

    @Test
    void givesTheSwaggerUiOneEntryPerService() {
        JsonNode config = JSON.readTree(OperationalEndpoints.get(port, "/v3/api-docs/gateway/swagger-config").body());
        Map<String, String> urls = new java.util.HashMap<>();
        config.path("urls").forEach(entry -> urls.put(entry.path("name").asString(), entry.path("url").asString()));
        assertThat(urls).containsExactlyInAnyOrderEntriesOf(Map.of("all services", "/v3/api-docs",
                "rollout-service", "/v3/api-docs/rollout", "reward-service", "/v3/api-docs/reward",
                "trainer-service", "/v3/api-docs/trainer", "mixture-service", "/v3/api-docs/mixture"));
        assertThat(config.path("urls.primaryName").asString()).isEqualTo("all services");
        assertThat(OperationalEndpoints.get(port, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    private static void assertApiKeySchemes(JsonNode document) {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("bearerKey").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("apiKeyHeader").path("name").asString()).isEqualTo("X-API-Key");
        assertThat(document.path("security")).hasSize(2);
    }
}
