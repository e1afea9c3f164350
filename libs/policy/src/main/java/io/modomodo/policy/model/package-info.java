/**
 * The policy model: {@link io.modomodo.policy.model.PolicyConfig} (saved as JSON beside the weights)
 * and {@link io.modomodo.policy.model.VisionLanguagePolicy}, a small vision-language decoder written
 * directly on DJL NDArray operations so that the key/value cache and the parameter set stay in our
 * hands; {@link io.modomodo.policy.model.DecodingSlots} holds the cache of a batch being decoded,
 * allocated once and written in place, with slots that rows can leave and enter between steps;
 * {@link io.modomodo.policy.model.RgbImages} turns PNG bytes into its image input.
 */
package io.modomodo.policy.model;
