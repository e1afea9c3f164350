/**
 * Sampling completions: validating and preparing a request ({@link io.modomodo.rollout.service.RolloutService}),
 * the per-version queues drained into batched generate calls ({@link io.modomodo.rollout.service.Batcher},
 * {@link io.modomodo.rollout.service.RolloutJob#canJoin}) and the generate call itself
 * ({@link io.modomodo.rollout.service.RolloutRunner}).
 */
package io.modomodo.rollout.service;
