/**
 * Checkpoints: versioned folders holding parameters, config, tokenizer and optimizer state with a
 * manifest of SHA-256 sums, written under a temporary name and renamed so that a crash never leaves
 * half a checkpoint, and verified on load.
 */
package io.modomodo.policy.checkpoint;
