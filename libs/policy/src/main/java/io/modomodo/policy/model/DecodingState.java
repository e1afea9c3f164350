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
    private final List<NDArray[]> cache;
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
        try (NDManager step = manager.newSubManager()) {
            next = policy.decode(step, cache, grown, positions, nextTokens);
            next.attach(manager);
        }
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
        for (NDArray[] kv : cache) {
            for (NDArray array : kv) {
                if (array != null) {
                    array.close();
                }
            }
        }
        logits.close();
    }
}
