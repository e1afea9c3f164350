package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static io.modomodo.testing.http.OpenApiDocuments.enumOf;
import static io.modomodo.testing.http.OpenApiDocuments.required;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.http.OpenApiDocuments;
import io.modomodo.testing.postgres.RealPostgres;
import tools.jackson.databind.JsonNode;

/** The mixture-service's OpenAPI document says what the service really answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
class OpenApiDocumentIT {

    @LocalServerPort
    int port;

    @Test
    void documentsEveryOperationWithItsSuccessAndProblemResponses() {
        JsonNode doc = OpenApiDocuments.read(port, "/v3/api-docs");
        OpenApiDocuments.assertComplete(doc, "MoDoMoDo mixture-service", true);
        assertThat(OpenApiDocuments.operations(doc)).containsExactlyInAnyOrder(
                "POST /api/v1/studies", "GET /api/v1/studies", "GET /api/v1/studies/{studyId}",
                "POST /api/v1/studies/{studyId}/designs",
                "POST /api/v1/studies/{studyId}/runs", "GET /api/v1/studies/{studyId}/runs",
                "GET /api/v1/studies/{studyId}/runs/{runId}",
                "POST /api/v1/studies/{studyId}/fits", "GET /api/v1/studies/{studyId}/fits",
                "GET /api/v1/studies/{studyId}/fits/{fitId}",
                "POST /api/v1/studies/{studyId}/proposals", "GET /api/v1/studies/{studyId}/proposals",
                "GET /api/v1/studies/{studyId}/proposals/{proposalId}",
                "POST /api/v1/studies/{studyId}/executions", "GET /api/v1/studies/{studyId}/executions",
                "GET /api/v1/studies/{studyId}/executions/{executionId}",
                "POST /api/v1/studies/{studyId}/executions/{executionId}/cancel",
                "GET /api/v1/studies/{studyId}/executions/{executionId}/events",
                "GET /api/v1/studies/{studyId}/report");
        assertThat(codes(doc, "/api/v1/studies/{studyId}/executions", "post")).contains("202", "400", "413")
                .doesNotContain("200");
        assertThat(codes(doc, "/api/v1/studies/{studyId}/executions/{executionId}/cancel", "post"))
                .contains("200", "404", "409");
        assertThat(codes(doc, "/api/v1/studies", "post")).contains("201").doesNotContain("200");
        assertThat(codes(doc, "/api/v1/studies/{studyId}/runs", "post")).contains("201", "200", "409");
        assertThat(codes(doc, "/api/v1/studies/{studyId}/fits", "post")).contains("201").doesNotContain("200");
        assertThat(codes(doc, "/api/v1/studies/{studyId}/proposals", "post")).contains("201").doesNotContain("200");
        assertThat(codes(doc, "/api/v1/studies/{studyId}/designs", "post")).contains("200");
    }

    @Test
    void documentsRequiredFieldsAndTheAllowedValues() {
        JsonNode doc = OpenApiDocuments.read(port, "/v3/api-docs");
        assertThat(required(doc, "CreateStudyRequest")).containsExactlyInAnyOrder("name", "domains");
        assertThat(required(doc, "RunRequest")).containsExactly("weights");
        assertThat(required(doc, "DesignRequest")).containsExactly("strategy");
        assertThat(enumOf(doc, "DesignRequest", "strategy")).containsExactly("seeds", "dirichlet", "space-filling");
        assertThat(enumOf(doc, "FitRequest", "model")).containsExactly("quadratic", "linear");
        assertThat(enumOf(doc, "ProposalRequest", "model")).containsExactly("quadratic", "linear");
        assertThat(enumOf(doc, "ProposalRequest", "strategy")).containsExactly("best", "explore");
    }

    private static List<String> codes(JsonNode doc, String path, String method) {
        List<String> out = new ArrayList<>();
        doc.path("paths").path(path).path(method).path("responses").propertyNames().forEach(out::add);
        return out;
    }
}
