package io.modomodo.trainer.web;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.modomodo.api.trainer.CreatePolicyRequest;
import io.modomodo.api.trainer.PolicyListResponse;
import io.modomodo.api.trainer.PolicyResponse;
import io.modomodo.trainer.service.PolicyService;

@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    private final PolicyService policies;

    PolicyController(PolicyService policies) {
        this.policies = policies;
    }

    @PostMapping
    ResponseEntity<PolicyResponse> create(@RequestBody CreatePolicyRequest request) {
        PolicyResponse created = policies.create(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/policies/" + created.name())).body(created);
    }

    @GetMapping
    PolicyListResponse list() {
        return new PolicyListResponse(policies.all());
    }

    @GetMapping("/{name}")
    PolicyResponse get(@PathVariable String name) {
        return policies.get(name);
    }
}
