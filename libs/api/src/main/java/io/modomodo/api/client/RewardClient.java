package io.modomodo.api.client;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import io.modomodo.api.reward.OpenRlhfRequest;
import io.modomodo.api.reward.OpenRlhfResponse;
import io.modomodo.api.reward.ScoreRequest;
import io.modomodo.api.reward.ScoreResponse;
import io.modomodo.api.reward.VerifiersResponse;

/** The reward-service (port 8082), or the gateway in front of it. */
@HttpExchange(url = "/api/v1/rewards", accept = "application/json", contentType = "application/json")
public interface RewardClient {

    /** Scores a batch; results come in item order. */
    @PostExchange("/score")
    ScoreResponse score(@RequestBody ScoreRequest request);

    /** OpenRLHF's remote reward protocol; {@code verifier} applies to plain-string labels. */
    @PostExchange("/openrlhf")
    OpenRlhfResponse openRlhf(@RequestParam(required = false) String verifier, @RequestBody OpenRlhfRequest request);

    /** Every verifier with its params and their defaults. */
    @GetExchange("/verifiers")
    VerifiersResponse verifiers();
}
