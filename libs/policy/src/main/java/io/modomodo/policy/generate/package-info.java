/**
 * Batched sampling from a {@link io.modomodo.policy.model.VisionLanguagePolicy} with a key/value cache:
 * temperature, top-p, stop on eos or stop strings, seeded, returning token ids, text, per-token
 * log-probs and a finish reason.
 */
package io.modomodo.policy.generate;
