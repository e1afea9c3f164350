/**
 * Batched sampling from a {@link io.modomodo.policy.model.VisionLanguagePolicy} with a key/value cache:
 * temperature, top-p, stop on eos or stop strings, seeded, returning token ids, text, per-token
 * log-probs and a finish reason. {@link io.modomodo.policy.generate.Generator#generate} decodes a fixed
 * batch; a {@link io.modomodo.policy.generate.DecodingSession} decodes a stream of prompts with
 * continuous batching (rows that end free their slot for waiting prompts), each row with its own seed.
 */
package io.modomodo.policy.generate;
