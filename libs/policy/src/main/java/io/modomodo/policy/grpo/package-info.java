/**
 * The GRPO objective as verl and TRL implement it: group-normalised advantages, the clipped
 * importance ratio (clip-higher, dual clip), a k3 KL penalty to a frozen reference, three loss
 * aggregations and an entropy bonus; {@link io.modomodo.policy.grpo.GrpoTrainer} runs mini-batches
 * and PPO epochs over a rollout batch and reports per-step statistics.
 */
package io.modomodo.policy.grpo;
