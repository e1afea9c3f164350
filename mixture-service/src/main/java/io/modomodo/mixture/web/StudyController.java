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
import io.modomodo.api.mixture.FitRequest;
import io.modomodo.api.mixture.FitResponse;
import io.modomodo.api.mixture.ProposalRequest;
import io.modomodo.api.mixture.ProposalResponse;
import io.modomodo.api.mixture.RunPageResponse;
import io.modomodo.api.mixture.RunRequest;
import io.modomodo.api.mixture.RunResponse;
import io.modomodo.api.mixture.StoredFitResponse;
import io.modomodo.api.mixture.StoredProposalResponse;
import io.modomodo.api.mixture.StudyListResponse;
import io.modomodo.api.mixture.StudyResponse;
import io.modomodo.mixture.service.DesignService;
import io.modomodo.mixture.service.RunService;
import io.modomodo.mixture.service.StudyService;
import io.modomodo.mixture.service.SurrogateService;

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
    ResponseEntity<StudyResponse> create(@RequestBody CreateStudyRequest request) {
        StudyResponse study = studies.create(request);
        return ResponseEntity.created(URI.create("/api/v1/studies/" + study.id())).body(study);
    }

    @GetMapping
    StudyListResponse list() {
        return studies.list();
    }

    @GetMapping("/{studyId}")
    StudyResponse get(@PathVariable String studyId) {
        return studies.get(studyId);
    }

    @PostMapping("/{studyId}/designs")
    DesignResponse design(@PathVariable String studyId, @RequestBody DesignRequest request) {
        return designs.design(studyId, request);
    }

    /** 201 for a new run; 200 with the stored run when its externalId was posted before. */
    @PostMapping("/{studyId}/runs")
    ResponseEntity<RunResponse> postRun(@PathVariable String studyId, @RequestBody RunRequest request) {
        RunService.Posted posted = runs.post(studyId, request);
        URI location = URI.create("/api/v1/studies/" + studyId + "/runs/" + posted.run().id());
        return posted.created() ? ResponseEntity.created(location).body(posted.run())
                : ResponseEntity.ok().location(location).body(posted.run());
    }

    @GetMapping("/{studyId}/runs")
    RunPageResponse listRuns(@PathVariable String studyId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return runs.list(studyId, page, size);
    }

    @GetMapping("/{studyId}/runs/{runId}")
    RunResponse getRun(@PathVariable String studyId, @PathVariable String runId) {
        return runs.get(studyId, runId);
    }

    @PostMapping("/{studyId}/fits")
    FitResponse fit(@PathVariable String studyId, @RequestBody FitRequest request) {
        return surrogates.fit(studyId, request);
    }

    @GetMapping("/{studyId}/fits/{fitId}")
    StoredFitResponse getFit(@PathVariable String studyId, @PathVariable String fitId) {
        return surrogates.getFit(studyId, fitId);
    }

    @GetMapping("/{studyId}/proposals/{proposalId}")
    StoredProposalResponse getProposal(@PathVariable String studyId, @PathVariable String proposalId) {
        return surrogates.getProposal(studyId, proposalId);
    }

    @PostMapping("/{studyId}/proposals")
    ProposalResponse propose(@PathVariable String studyId, @RequestBody ProposalRequest request) {
        return surrogates.propose(studyId, request);
    }
}
