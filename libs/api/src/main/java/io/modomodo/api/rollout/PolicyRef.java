package io.modomodo.api.rollout;

/**
 * A policy version in the shared checkpoint store.
 *
 * <p>{@code name} is either a base policy's name ({@code [A-Za-z0-9._-]{1,64}}, created by
 * {@code POST /api/v1/policies}) or {@code job:<jobId>} for the weights a training job publishes. The
 * store keeps each in its own folder, so version numbers never collide (see
 * {@code io.modomodo.policy.checkpoint.PolicyStoreLayout}).
 *
 * @param name the policy's name, or {@code job:<jobId>}
 * @param version the version; {@code null} means the latest one
 */
public record PolicyRef(String name, Long version) {
}
