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
import io.modomodo.mixture.service.ExecutionService;
import io.modomodo.mixture.service.StudyReportService;
import io.swagger.v3.oas.annotations.Operation;
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

    /** 202: the execution runs in the background; poll its Location. */
    @PostMapping("/executions")
    @Operation(summary = "Start a managed execution: pilots, fits, proposal and comparison on the trainer")
    @ApiResponse(responseCode = "202", description = "Accepted; it runs in the background, Location names it")
    ResponseEntity<ExecutionResponse> start(@PathVariable String studyId,
            @RequestBody(required = false) ExecutionRequest request) {
        ExecutionResponse execution = executions.start(studyId, request == null
                ? new ExecutionRequest(null, null, null, null, null, null, null, null, null) : request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/studies/" + studyId + "/executions/" + execution.id())).body(execution);
    }

    @GetMapping("/executions")
    @Operation(summary = "List the study's executions")
    ExecutionListResponse list(@PathVariable String studyId) {
        return executions.list(studyId);
    }

    @GetMapping("/executions/{executionId}")
    @Operation(summary = "Read an execution: its phase, jobs and outcome")
    ExecutionResponse get(@PathVariable String studyId, @PathVariable String executionId) {
        return executions.get(studyId, executionId);
    }

    @PostMapping("/executions/{executionId}/cancel")
    @Operation(summary = "Cancel an execution and the trainer jobs it started")
    ExecutionResponse cancel(@PathVariable String studyId, @PathVariable String executionId) {
        return executions.cancel(studyId, executionId);
    }

    /** Server-sent events: the execution each time it changes, until it ends. */
    @GetMapping(path = "/executions/{executionId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow an execution as server-sent events until it ends")
    SseEmitter events(@PathVariable String studyId, @PathVariable String executionId) {
        return events.open(studyId, executionId);
    }

    @GetMapping("/report")
    @Operation(summary = "The study's report: runs, fit quality, predicted against actual, best, uniform, base")
    StudyReportResponse report(@PathVariable String studyId, @RequestParam(required = false) String execution) {
        return reports.report(studyId, execution);
    }
}
