package io.modomodo.api.client;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import io.modomodo.api.trainer.CreateJobRequest;
import io.modomodo.api.trainer.CreatePolicyRequest;
import io.modomodo.api.trainer.EvaluationListResponse;
import io.modomodo.api.trainer.JobPageResponse;
import io.modomodo.api.trainer.JobResponse;
import io.modomodo.api.trainer.PolicyListResponse;
import io.modomodo.api.trainer.PolicyResponse;
import io.modomodo.api.trainer.StepMetricsResponse;

/** The trainer-service (port 8083), or the gateway in front of it: base policies and training jobs. */
@HttpExchange(url = "/api/v1", accept = "application/json", contentType = "application/json")
public interface TrainerClient {

    /** 202 while the warm start runs; 409 when the name is taken. */
    @PostExchange("/policies")
    ResponseEntity<PolicyResponse> createPolicy(@RequestBody CreatePolicyRequest request);

    @GetExchange("/policies")
    PolicyListResponse policies();

    @GetExchange("/policies/{name}")
    PolicyResponse policy(@PathVariable String name);

    /** 202 for a new job, 200 when a job with the request's {@code externalId} exists already. */
    @PostExchange("/jobs")
    ResponseEntity<JobResponse> submitJob(@RequestBody CreateJobRequest request);

    @GetExchange("/jobs/{id}")
    JobResponse job(@PathVariable String id);

    @GetExchange("/jobs")
    JobPageResponse jobs(@RequestParam(required = false) String status, @RequestParam(required = false) String label,
            @RequestParam int page, @RequestParam int size);

    @PostExchange("/jobs/{id}/cancel")
    JobResponse cancel(@PathVariable String id);

    @GetExchange("/jobs/{id}/metrics")
    StepMetricsResponse metrics(@PathVariable String id, @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to);

    @GetExchange("/jobs/{id}/evaluations")
    EvaluationListResponse evaluations(@PathVariable String id);
}
