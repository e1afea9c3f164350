package io.modomodo.policy.model;

import ai.djl.ndarray.NDArray;

/**
 * A batch being decoded, made by {@link VisionLanguagePolicy#prefill}: every row started together and
 * stays in its slot. Each {@link #step} costs one position per row, written into a key/value cache
 * allocated once at its final length (see {@link DecodingSlots}); closing this state frees the cache.
 */
public final class DecodingState implements AutoCloseable {

    private final DecodingSlots slots;
    private NDArray logits;
    private boolean prefilled = true;

    DecodingState(DecodingSlots slots, NDArray logits) {
        this.slots = slots;
        this.logits = logits;
    }

    /** Logits [B, V] for the next token of every row (after the prompt, or after the last step). */
    public NDArray logits() {
        return logits;
    }

    /** Batch size. */
    public int batchSize() {
        return slots.slotCount();
    }

    /**
     * Appends one token per row and computes the logits for the following one.
     *
     * @return logits [B, V], also available from {@link #logits()} until the next step
     * @throws IllegalArgumentException when a token is outside the vocabulary or a row would exceed
     *     the model's text length or the number of new tokens the state was prefilled for
     */
    public NDArray step(int[] nextTokens) {
        if (nextTokens.length != slots.slotCount()) {
            throw new IllegalArgumentException("step needs one token per row: " + slots.slotCount());
        }
        NDArray next;
        try {
            next = slots.step(nextTokens);
        }
        catch (IllegalStateException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        if (prefilled) {
            // The prefill's logits are this state's; later ones belong to the slots, which free them.
            logits.close();
            prefilled = false;
        }
        logits = next;
        return next;
    }

    /** Releases the cache. */
    @Override
    public void close() {
        if (prefilled) {
            logits.close();
        }
        slots.close();
    }
}
