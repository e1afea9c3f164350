package io.modomodo.api.trainer;

import java.util.Map;

/**
 * {@code POST /api/v1/policies}: initialise the built-in vision-language policy and warm-start it.
 *
 * @param name {@code [A-Za-z0-9._-]{1,64}}, unique
 * @param seed seeds the initial weights and the warm start
 * @param config {@code PolicyConfig} fields to override (width, blocks, …); absent means the defaults
 * @param warmStart the warm start; absent means the tuned default
 */
public record CreatePolicyRequest(String name, Long seed, Map<String, Object> config, WarmStartSpec warmStart) {
}
