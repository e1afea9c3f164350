package io.modomodo.api.client;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import io.modomodo.api.rollout.RolloutRequest;
import io.modomodo.api.rollout.RolloutResponse;

/** The rollout-service (port 8081): completions sampled from a stored policy version. */
@HttpExchange(url = "/api/v1/rollouts", accept = "application/json", contentType = "application/json")
public interface RolloutClient {

    @PostExchange
    RolloutResponse rollout(@RequestBody RolloutRequest request);
}
