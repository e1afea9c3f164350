/**
 * Teacher-forced scoring: per-token log-probabilities of given completions under a policy, masked
 * to the real tokens; used for the current, old and reference policies of GRPO.
 */
package io.modomodo.policy.score;
