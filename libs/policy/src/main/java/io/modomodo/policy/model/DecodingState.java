package io.modomodo.policy.model;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The key/value cache of a batch being decoded, made by {@link VisionLanguagePolicy#prefill}. Each
 * {@link #step} costs one position per row rather than the whole prefix. The cache lives in the
 * scratch manager given to {@code prefill}; closing this state releases it.
 */
public final class DecodingState implements AutoCloseable {

    private final VisionLanguagePolicy policy;
    private final NDManager manager;
    private List<NDArray[]> cache;
    private boolean[][] keys;
    private final int[] positions;
    private NDArray logits;

    DecodingState(VisionLanguagePolicy policy, NDManager manager, List<NDArray[]> cache, boolean[][] keys,
            int[] positions, NDArray logits) {
        this.policy = policy;
        this.manager = manager;
        this.cache = cache;
        this.keys = keys;
        this.positions = positions;
        this.logits = logits;
    }

    /** Logits [B, V] for the next token of every row (after the prompt, or after the last step). */
    public NDArray logits() {
        return logits;
    }

    /** Batch size. */
    public int batchSize() {
        return positions.length;
    }

    /**
     * Appends one token per row and computes the logits for the following one.
     *
     * @return logits [B, V], also available from {@link #logits()} until the next step
     */
    public NDArray step(int[] nextTokens) {
        if (nextTokens.length != positions.length) {
            throw new IllegalArgumentException("step needs one token per row: " + positions.length);
        }
        boolean[][] grown = new boolean[keys.length][];
        for (int b = 0; b < keys.length; b++) {
            grown[b] = java.util.Arrays.copyOf(keys[b], keys[b].length + 1);
            grown[b][keys[b].length] = true;
        }
        NDArray next;
        List<NDArray[]> extended = new java.util.ArrayList<>();
        try (NDManager step = manager.newSubManager()) {
            next = policy.decode(step, cache, extended, grown, positions, nextTokens);
            next.attach(manager);
            for (NDArray[] kv : extended) {
                kv[0].attach(manager);
                kv[1].attach(manager);
            }
        }
        // The grown cache replaces the old one at once, so a long generation holds one cache, not one
        // per step.
        release(cache);
        cache = extended;
        keys = grown;
        for (int b = 0; b < positions.length; b++) {
            positions[b]++;
        }
        logits.close();
        logits = next;
        return next;
    }

    /** Releases the cache. */
    @Override
    public void close() {
        release(cache);
        logits.close();
    }

    private static void release(List<NDArray[]> cache) {
        for (NDArray[] kv : cache) {
            kv[0].close();
            kv[1].close();
        }
    }
}
