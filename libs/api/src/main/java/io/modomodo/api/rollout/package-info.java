/**
 * Requests and responses of the rollout-service (port 8081): completions sampled from a stored policy
 * version. The trainer-service is its caller; {@link io.modomodo.api.client.RolloutClient} is the client.
 */
package io.modomodo.api.rollout;
