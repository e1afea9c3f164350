package io.modomodo.mixture.web;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.modomodo.api.mixture.ExecutionListResponse;
import io.modomodo.api.mixture.ExecutionRequest;
import io.modomodo.api.mixture.ExecutionResponse;
import io.modomodo.api.mixture.StudyReportResponse;
import io.modomodo.api.openapi.ApiDocs;
import io.modomodo.mixture.service.ExecutionService;
import io.modomodo.mixture.service.StudyReportService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/v1/studies/{studyId}")
class ExecutionController {

    private final ExecutionService executions;
    private final StudyReportService reports;
    private final ExecutionEventStreams events;

    ExecutionController(ExecutionService executions, StudyReportService reports, ExecutionEventStreams events) {
        this.executions = executions;
        this.reports = reports;
        this.events = events;
    }

    @PostMapping("/executions")
    @Operation(summary = "Run the study on the trainer-service: pilots, fits, proposal, final comparison over seeds",
            description = "Every field is optional; a preset (smoke, quick, paper) fills the absent ones. The "
                    + "execution runs in the background: poll its Location or stream its events.")
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the execution")
    ResponseEntity<ExecutionResponse> start(@PathVariable String studyId,
            @RequestBody(required = false) ExecutionRequest request) {
        ExecutionResponse execution = executions.start(studyId, request == null
                ? new ExecutionRequest(null, null, null, null, null, null, null, null, null) : request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/studies/" + studyId + "/executions/" + execution.id())).body(execution);
    }

    @GetMapping("/executions")
    @Operation(summary = "List the study's executions, newest first")
    ExecutionListResponse list(@PathVariable String studyId) {
        return executions.list(studyId);
    }

    @GetMapping("/executions/{executionId}")
    @Operation(summary = "Read an execution: status, phase, job counts, ETA, the error naming a failed job")
    ExecutionResponse get(@PathVariable String studyId, @PathVariable String executionId) {
        return executions.get(studyId, executionId);
    }

    @PostMapping("/executions/{executionId}/cancel")
    @Operation(summary = "Cancel an execution and its jobs on the trainer; cancelling again is a no-op")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "409", description = "Conflict: the execution has succeeded or failed already",
            content = @Content(mediaType = ApiDocs.PROBLEM_MEDIA_TYPE,
                    schema = @Schema(ref = "#/components/schemas/" + ApiDocs.PROBLEM_SCHEMA)))
    ExecutionResponse cancel(@PathVariable String studyId, @PathVariable String executionId) {
        return executions.cancel(studyId, executionId);
    }

    @GetMapping(path = "/executions/{executionId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: an 'execution' event each time the execution changes, until it ends")
    SseEmitter events(@PathVariable String studyId, @PathVariable String executionId) {
        return events.open(studyId, executionId);
    }

    @GetMapping("/report")
    @Operation(summary = "The report of the latest execution (or of ?execution=): pilot table, CV of both "
            + "surrogates, proposal, final comparison paired by seed with 95 % intervals")
    StudyReportResponse report(@PathVariable String studyId, @RequestParam(required = false) String execution) {
        return reports.report(studyId, execution);
    }
}
