package io.modomodo.gateway.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.modomodo.gateway.service.ApiDocsAggregator;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;

/**
 * The platform's OpenAPI documents at the entry point: {@code /v3/api-docs} has every service's
 * operations, {@code /v3/api-docs/{service}} one service's ({@code rollout}, {@code reward},
 * {@code trainer}, {@code mixture}); the Swagger UI lists each. Open, like the actuator.
 */
@Hidden
@RestController
class ApiDocsController {

    private final ApiDocsAggregator docs;

    ApiDocsController(ApiDocsAggregator docs) {
        this.docs = docs;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode all() {
        return docs.all();
    }

    @GetMapping(path = "/v3/api-docs/{service}", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode service(@PathVariable String service) {
        return docs.service(service);
    }
}
