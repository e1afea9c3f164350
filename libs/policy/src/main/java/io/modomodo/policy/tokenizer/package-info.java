/**
 * Tokenizers: the {@link io.modomodo.policy.tokenizer.Tokenizer} contract the policy relies on and a
 * byte-level UTF-8 implementation with special tokens, so that no vocabulary file is needed for the
 * built-in models while a HuggingFace tokenizer can be plugged in for real ones.
 */
package io.modomodo.policy.tokenizer;
