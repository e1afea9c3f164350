package io.modomodo.trainer.web;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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

import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.EvaluationListResponse;
import io.modomodo.api.trainer.JobPageResponse;
import io.modomodo.api.trainer.JobResponse;
import io.modomodo.api.trainer.StepMetricsResponse;
import io.modomodo.service.web.Ids;
import io.modomodo.trainer.service.JobEvents;
import io.modomodo.trainer.service.JobService;

@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

    private final JobService jobs;
    private final JobEvents events;

    JobController(JobService jobs, JobEvents events) {
        this.jobs = jobs;
        this.events = events;
    }

    @PostMapping
    ResponseEntity<JobResponse> submit(@RequestBody CreateJobRequest request) {
        JobService.Submitted submitted = jobs.submit(request);
        URI location = URI.create("/api/v1/jobs/" + submitted.job().id());
        return ResponseEntity.status(submitted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK).location(location)
                .body(submitted.job());
    }

    @GetMapping("/{id}")
    JobResponse get(@PathVariable String id) {
        return jobs.get(parse(id));
    }

    @GetMapping
    JobPageResponse list(@RequestParam(required = false) String status, @RequestParam(required = false) String label,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return jobs.page(status, label, page, size);
    }

    @PostMapping("/{id}/cancel")
    JobResponse cancel(@PathVariable String id) {
        return jobs.cancel(parse(id));
    }

    @GetMapping("/{id}/metrics")
    StepMetricsResponse metrics(@PathVariable String id, @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to) {
        return new StepMetricsResponse(jobs.metrics(parse(id), from, to));
    }

    @GetMapping("/{id}/evaluations")
    EvaluationListResponse evaluations(@PathVariable String id) {
        return new EvaluationListResponse(jobs.evaluations(parse(id)));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        UUID job = parse(id);
        jobs.get(job);
        return events.subscribe(job);
    }

    private static UUID parse(String id) {
        return Ids.uuid("id", id);
    }
}
