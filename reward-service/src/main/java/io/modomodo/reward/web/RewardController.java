package io.modomodo.reward.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.modomodo.api.reward.OpenRlhfRequest;
import io.modomodo.api.reward.OpenRlhfResponse;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResponse;
import io.modomodo.api.reward.VerifiersResponse;
import io.modomodo.reward.service.RewardService;
import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping(path = "/api/v1/rewards", produces = MediaType.APPLICATION_JSON_VALUE)
class RewardController {

    private final RewardService rewards;

    RewardController(RewardService rewards) {
        this.rewards = rewards;
    }

    @Operation(summary = "Score a batch of responses: format and accuracy per item, by program")
    @PostMapping(path = "/score", consumes = MediaType.APPLICATION_JSON_VALUE)
    ScoreResponse score(@RequestBody ScoreRequest request) {
        return rewards.score(request);
    }

    /** OpenRLHF's remote reward protocol ({@code --reward.remote_url}). */
    @Operation(summary = "OpenRLHF's remote reward protocol: rewards and [0, 1] scores per query")
    @PostMapping(path = "/openrlhf", consumes = MediaType.APPLICATION_JSON_VALUE)
    OpenRlhfResponse openRlhf(@RequestParam(required = false) String verifier,
            @RequestParam(required = false) String template, @RequestBody OpenRlhfRequest request) {
        return rewards.openRlhf(verifier, template, request);
    }

    @Operation(summary = "List the verifiers with their parameters and defaults")
    @GetMapping("/verifiers")
    VerifiersResponse verifiers() {
        return rewards.verifiers();
    }
}
