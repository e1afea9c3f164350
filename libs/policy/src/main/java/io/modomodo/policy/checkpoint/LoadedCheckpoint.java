package io.modomodo.policy.checkpoint;

import java.util.Map;

import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.train.OptimizerState;

/**
 * A checkpoint read back. The policy is the caller's to close (closing this record closes it, and the
 * tokenizer the checkpoint rebuilt when that holds a native handle).
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
        try {
            policy.close();
        }
        finally {
            if (policy.tokenizer() instanceof AutoCloseable nativeTokenizer) {
                closeQuietly(nativeTokenizer);
            }
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        }
        catch (Exception ex) {
            // Releasing a native tokenizer cannot fail in a way the caller could act on.
        }
    }
}
