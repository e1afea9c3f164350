package io.modomodo.rollout.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.RolloutResponse;
import io.modomodo.rollout.service.RolloutService;

/** {@code POST /api/v1/rollouts}: completions sampled from a stored policy version. */
@RestController
@RequestMapping("/api/v1/rollouts")
class RolloutController {

    private final RolloutService rollouts;

    RolloutController(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    RolloutResponse rollout(@RequestBody RolloutRequest request) {
        return rollouts.rollout(request);
    }
}
