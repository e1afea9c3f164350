package io.modomodo.api.client;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import io.modomodo.api.mixture.CreateStudyRequest;
import io.modomodo.api.mixture.DesignRequest;
import io.modomodo.api.mixture.DesignResponse;
import io.modomodo.api.mixture.ExecutionListResponse;
import io.modomodo.api.mixture.ExecutionRequest;
import io.modomodo.api.mixture.ExecutionResponse;
import io.modomodo.api.mixture.FitPageResponse;
import io.modomodo.api.mixture.FitRequest;
import io.modomodo.api.mixture.FitResponse;
import io.modomodo.api.mixture.ProposalPageResponse;
import io.modomodo.api.mixture.ProposalRequest;
import io.modomodo.api.mixture.ProposalResponse;
import io.modomodo.api.mixture.RunPageResponse;
import io.modomodo.api.mixture.RunRequest;
import io.modomodo.api.mixture.RunResponse;
import io.modomodo.api.mixture.StoredFitResponse;
import io.modomodo.api.mixture.StoredProposalResponse;
import io.modomodo.api.mixture.StudyListResponse;
import io.modomodo.api.mixture.StudyReportResponse;
import io.modomodo.api.mixture.StudyResponse;

/**
 * The mixture-service (port 8084), or the gateway in front of it: what a CI job needs to post run
 * outcomes and ask for the next or the best mixture.
 */
@HttpExchange(url = "/api/v1/studies", accept = "application/json", contentType = "application/json")
public interface MixtureClient {

    @PostExchange
    StudyResponse createStudy(@RequestBody CreateStudyRequest request);

    @GetExchange
    StudyListResponse studies();

    @GetExchange("/{studyId}")
    StudyResponse study(@PathVariable String studyId);

    @PostExchange("/{studyId}/designs")
    DesignResponse design(@PathVariable String studyId, @RequestBody DesignRequest request);

    /**
     * Posts a run outcome. Idempotent on {@code externalId}: the status is 201 when the run was
     * created and 200 when the same run was posted before with that id and came back, so a retrying CI
     * job can tell; another run under a known id is a 409 conflict.
     */
    @PostExchange("/{studyId}/runs")
    ResponseEntity<RunResponse> postRun(@PathVariable String studyId, @RequestBody RunRequest request);

    @GetExchange("/{studyId}/runs")
    RunPageResponse runs(@PathVariable String studyId, @RequestParam int page, @RequestParam int size);

    @GetExchange("/{studyId}/runs/{runId}")
    RunResponse run(@PathVariable String studyId, @PathVariable String runId);

    @PostExchange("/{studyId}/fits")
    FitResponse fit(@PathVariable String studyId, @RequestBody FitRequest request);

    @GetExchange("/{studyId}/fits")
    FitPageResponse fits(@PathVariable String studyId, @RequestParam int page, @RequestParam int size);

    @GetExchange("/{studyId}/proposals")
    ProposalPageResponse proposals(@PathVariable String studyId, @RequestParam int page, @RequestParam int size);

    @GetExchange("/{studyId}/fits/{fitId}")
    StoredFitResponse storedFit(@PathVariable String studyId, @PathVariable String fitId);

    @PostExchange("/{studyId}/proposals")
    ProposalResponse propose(@PathVariable String studyId, @RequestBody ProposalRequest request);

    @GetExchange("/{studyId}/proposals/{proposalId}")
    StoredProposalResponse storedProposal(@PathVariable String studyId, @PathVariable String proposalId);

    /** Starts a managed execution of the study on the trainer-service: 202 with its Location. */
    @PostExchange("/{studyId}/executions")
    ResponseEntity<ExecutionResponse> startExecution(@PathVariable String studyId, @RequestBody ExecutionRequest request);

    @GetExchange("/{studyId}/executions")
    ExecutionListResponse executions(@PathVariable String studyId);

    @GetExchange("/{studyId}/executions/{executionId}")
    ExecutionResponse execution(@PathVariable String studyId, @PathVariable String executionId);

    /** Cancels the execution and its jobs on the trainer; cancelling a cancelled one again is a no-op. */
    @PostExchange("/{studyId}/executions/{executionId}/cancel")
    ExecutionResponse cancelExecution(@PathVariable String studyId, @PathVariable String executionId);

    /** The report of the study's latest execution, or of {@code execution}. */
    @GetExchange("/{studyId}/report")
    StudyReportResponse report(@PathVariable String studyId, @RequestParam(required = false) String execution);
}
