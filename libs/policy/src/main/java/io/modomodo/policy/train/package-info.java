/**
 * Training machinery shared by the supervised warm-start and GRPO: AdamW with warm-up and
 * global-norm gradient clipping over the policy's own parameters, and the supervised
 * (cross-entropy) trainer.
 */
package io.modomodo.policy.train;
