package io.modomodo.api.reward;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Weights of the reward components; an absent weight is 1.0.
 *
 * @param format   weight of the format component
 * @param accuracy weight of the accuracy component
 * @param unknown  any other key the caller sent; kept so that the service can refuse a misspelt
 *                 component instead of silently scoring with the default weight
 */
public record RewardWeights(Double format, Double accuracy, @JsonAnySetter @JsonIgnore Map<String, Object> unknown) {

    public RewardWeights {
        unknown = unknown == null ? Map.of() : Map.copyOf(unknown);
    }

    public RewardWeights(Double format, Double accuracy) {
        this(format, accuracy, Map.of());
    }
}
