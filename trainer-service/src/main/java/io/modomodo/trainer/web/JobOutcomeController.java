package io.modomodo.trainer.web;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.modomodo.api.trainer.JobOutcomeReport;
import io.modomodo.api.trainer.JobResponse;
import io.modomodo.service.web.Ids;
import io.modomodo.trainer.launch.kubernetes.JobOutcomeService;

/** An external trainer's Job reports how its job ended (k8s/examples/openrlhf). */
@RestController
@RequestMapping("/api/v1/jobs")
class JobOutcomeController {

    private final JobOutcomeService outcomes;

    JobOutcomeController(JobOutcomeService outcomes) {
        this.outcomes = outcomes;
    }

    @PostMapping("/{id}/outcome")
    JobResponse report(@PathVariable String id, @RequestBody JobOutcomeReport report) {
        return outcomes.report(Ids.uuid("id", id), report);
    }
}
