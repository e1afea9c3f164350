package io.modomodo.api.reward;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenRLHF's remote reward response; every list is as long as the request's {@code query}.
 *
 * @param rewards   Σ weight·component of each sample
 * @param scores    the reward scaled to [0, 1]
 * @param extraLogs per-component values, logged by OpenRLHF ({@code format}, {@code accuracy})
 */
public record OpenRlhfResponse(List<Double> rewards, List<Double> scores,
        @JsonProperty("extra_logs") Map<String, List<Double>> extraLogs) {
}
