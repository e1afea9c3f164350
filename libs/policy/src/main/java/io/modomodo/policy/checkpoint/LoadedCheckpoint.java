package io.modomodo.policy.checkpoint;

import java.util.Map;

import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.train.OptimizerState;

/**
 * A checkpoint read back. The policy is the caller's to close (closing this record closes it).
 *
 * @param version the version loaded
 * @param policy the model with the saved parameters, config and tokenizer
 * @param optimizerState the saved optimizer state, or null when none was saved
 * @param metadata free-form metadata saved with it (for example the training step)
 */
public record LoadedCheckpoint(long version, VisionLanguagePolicy policy, OptimizerState optimizerState,
        Map<String, String> metadata) implements AutoCloseable {

    @Override
    public void close() {
        policy.close();
    }
}
