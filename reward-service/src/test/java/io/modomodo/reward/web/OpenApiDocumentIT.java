package io.modomodo.reward.web;

import static org.assertj.core.api.Assertions.assertThat;
import static io.modomodo.testing.http.OpenApiDocuments.enumOf;
import static io.modomodo.testing.http.OpenApiDocuments.required;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.http.OpenApiDocuments;
import tools.jackson.databind.JsonNode;

/** The reward-service's OpenAPI document says what the service really answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void documentsEveryOperationRequiredFieldsAndAllowedValues() {
        JsonNode doc = OpenApiDocuments.read(port, "/v3/api-docs");
        OpenApiDocuments.assertComplete(doc, "MoDoMoDo reward-service", false);
        assertThat(OpenApiDocuments.operations(doc)).containsExactlyInAnyOrder("POST /api/v1/rewards/score",
                "POST /api/v1/rewards/openrlhf", "GET /api/v1/rewards/verifiers");
        assertThat(required(doc, "ScoreRequest")).containsExactly("items");
        assertThat(required(doc, "ScoreItem")).containsExactlyInAnyOrder("id", "verifier", "response");
        assertThat(required(doc, "OpenRlhfRequest")).containsExactly("query");
        assertThat(enumOf(doc, "ScoreRequest", "template")).containsExactly("think-answer", "answer", "none");
        assertThat(enumOf(doc, "ScoreItem", "verifier"))
                .containsExactly("choice", "number", "math", "iou", "yes_no", "exact");
    }
}
