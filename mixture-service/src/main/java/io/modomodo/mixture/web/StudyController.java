package io.modomodo.mixture.web;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.modomodo.api.mixture.CreateStudyRequest;
import io.modomodo.api.mixture.DesignRequest;
import io.modomodo.api.mixture.DesignResponse;
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
import io.modomodo.api.mixture.StudyResponse;
import io.modomodo.api.openapi.ApiDocs;
import io.modomodo.mixture.service.DesignService;
import io.modomodo.mixture.service.RunService;
import io.modomodo.mixture.service.StudyService;
import io.modomodo.mixture.service.SurrogateService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@RestController
@RequestMapping("/api/v1/studies")
class StudyController {

    private final StudyService studies;
    private final RunService runs;
    private final DesignService designs;
    private final SurrogateService surrogates;

    StudyController(StudyService studies, RunService runs, DesignService designs, SurrogateService surrogates) {
        this.studies = studies;
        this.runs = runs;
        this.designs = designs;
        this.surrogates = surrogates;
    }

    @PostMapping
    @Operation(summary = "Create a study over two or more domains, with optional bounds per domain")
    @ApiResponse(responseCode = "201", description = "Created; Location names the study")
    ResponseEntity<StudyResponse> create(@RequestBody CreateStudyRequest request) {
        StudyResponse study = studies.create(request);
        return ResponseEntity.created(URI.create("/api/v1/studies/" + study.id())).body(study);
    }

    @GetMapping
    @Operation(summary = "List the studies, newest first")
    StudyListResponse list() {
        return studies.list();
    }

    @GetMapping("/{studyId}")
    @Operation(summary = "Read a study")
    StudyResponse get(@PathVariable String studyId) {
        return studies.get(studyId);
    }

    @PostMapping("/{studyId}/designs")
    @Operation(summary = "Design pilot mixtures within the bounds, skipping mixtures already run",
            description = "Not stored: the same seed and runs give the same design. note says why fewer "
                    + "mixtures than asked came back.")
    DesignResponse design(@PathVariable String studyId, @RequestBody DesignRequest request) {
        return designs.design(studyId, request);
    }

    @PostMapping("/{studyId}/runs")
    @Operation(summary = "Post the outcome of training on a mixture",
            description = "Idempotent on externalId: the same run posted again returns the stored run (200); "
                    + "another run with a known externalId is a conflict (409).")
    @ApiResponse(responseCode = "201", description = "Created; Location names the run")
    @ApiResponse(responseCode = "200", description = "The same run was posted before with this externalId: the "
            + "stored run")
    @ApiResponse(responseCode = "409", description = "Conflict: externalId was posted before with another run",
            content = @Content(mediaType = ApiDocs.PROBLEM_MEDIA_TYPE,
                    schema = @Schema(ref = "#/components/schemas/" + ApiDocs.PROBLEM_SCHEMA)))
    ResponseEntity<RunResponse> postRun(@PathVariable String studyId, @RequestBody RunRequest request) {
        RunService.Posted posted = runs.post(studyId, request);
        URI location = URI.create("/api/v1/studies/" + studyId + "/runs/" + posted.run().id());
        return posted.created() ? ResponseEntity.created(location).body(posted.run())
                : ResponseEntity.ok().location(location).body(posted.run());
    }

    @GetMapping("/{studyId}/runs")
    @Operation(summary = "List the study's runs in the order they were posted")
    RunPageResponse listRuns(@PathVariable String studyId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return runs.list(studyId, page, size);
    }

    @GetMapping("/{studyId}/runs/{runId}")
    @Operation(summary = "Read a run")
    RunResponse getRun(@PathVariable String studyId, @PathVariable String runId) {
        return runs.get(studyId, runId);
    }

    @PostMapping("/{studyId}/fits")
    @Operation(summary = "Fit a surrogate to the study's runs with k-fold cross validation; the fit is stored")
    @ApiResponse(responseCode = "201", description = "Fitted and stored; Location names the fit")
    ResponseEntity<FitResponse> fit(@PathVariable String studyId, @RequestBody FitRequest request) {
        FitResponse fit = surrogates.fit(studyId, request);
        return ResponseEntity.created(URI.create("/api/v1/studies/" + studyId + "/fits/" + fit.id())).body(fit);
    }

    @GetMapping("/{studyId}/fits")
    @Operation(summary = "List the study's stored fits, newest first")
    FitPageResponse listFits(@PathVariable String studyId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return surrogates.listFits(studyId, page, size);
    }

    @GetMapping("/{studyId}/fits/{fitId}")
    @Operation(summary = "Read a stored fit with the ids of the runs it was computed from")
    StoredFitResponse getFit(@PathVariable String studyId, @PathVariable String fitId) {
        return surrogates.getFit(studyId, fitId);
    }

    @PostMapping("/{studyId}/proposals")
    @Operation(summary = "Propose mixtures from a new fit, or from a stored one (fitId); the set is stored",
            description = "note says when minDistance had to be relaxed; each proposal gives its distance.")
    @ApiResponse(responseCode = "201", description = "Proposed and stored; Location names the proposal set")
    ResponseEntity<ProposalResponse> propose(@PathVariable String studyId, @RequestBody ProposalRequest request) {
        ProposalResponse proposal = surrogates.propose(studyId, request);
        return ResponseEntity.created(URI.create("/api/v1/studies/" + studyId + "/proposals/" + proposal.id()))
                .body(proposal);
    }

    @GetMapping("/{studyId}/proposals")
    @Operation(summary = "List the study's stored proposal sets, newest first")
    ProposalPageResponse listProposals(@PathVariable String studyId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return surrogates.listProposals(studyId, page, size);
    }

    @GetMapping("/{studyId}/proposals/{proposalId}")
    @Operation(summary = "Read a stored proposal set with its fit and the runs behind it")
    StoredProposalResponse getProposal(@PathVariable String studyId, @PathVariable String proposalId) {
        return surrogates.getProposal(studyId, proposalId);
    }
}
