/**
 * Reward computation for RLVR: the {@link io.modomodo.rewards.Verifier} contract, the
 * {@link io.modomodo.rewards.VerifierRegistry} that names the verifiers, response
 * {@link io.modomodo.rewards.Template templates} (format component), answer extraction and the
 * {@link io.modomodo.rewards.RewardScorer} that combines format and accuracy into one reward.
 * Plain Java, thread-safe, no framework.
 */
package io.modomodo.rewards;
