package io.modomodo.policy.generate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.modomodo.policy.tokenizer.Tokenizer;

/**
 * Progress of one row being sampled: its tokens, their log-probs, its own random stream, and whether
 * (and why) it has finished. Shared by {@link Generator} and {@link DecodingSession}, so both sample
 * and stop by the same rules.
 */
final class RowState {

    /** Characters, beyond a stop string's length, before the end of the text already searched where a search restarts. */
    private static final int STOP_MARGIN = 16;

    private final int[] ids;
    private final float[] logProbs;
    private final SplittableRandom random;
    private int size;
    private int pendingLogProb;
    private int searchedLength;
    private FinishReason finished;
    private String text = "";

    RowState(int capacity, SplittableRandom random) {
        ids = new int[capacity];
        logProbs = new float[capacity];
        this.random = random;
    }

    void logProb(double value) {
        logProbs[pendingLogProb++] = (float) value;
    }

    void append(int token) {
        ids[size++] = token;
    }

    int[] ids() {
        return Arrays.copyOf(ids, size);
    }

    int size() {
        return size;
    }

    boolean isFinished() {
        return finished != null;
    }

    FinishReason finishReason() {
        return finished;
    }

    void finish(FinishReason reason, String finalText) {
        finished = reason;
        text = finalText;
    }

    /**
     * Draws this row's next token from its logits (at {@code offset} in {@code flat}), records it and
     * decides whether the row ends: eos, a stop string in its text, or {@code maxNew} tokens.
     *
     * @return the token drawn
     */
    int sampleNext(float[] flat, int offset, int vocabulary, SamplingOptions options, Tokenizer tokenizer,
            int maxNew) {
        int token = Generator.sample(flat, offset, vocabulary, options, random, this);
        append(token);
        if (token == tokenizer.eosId()) {
            finish(FinishReason.STOP, tokenizer.decode(ids()));
            return token;
        }
        List<String> stops = options.stopStrings();
        if (!stops.isEmpty()) {
            String current = tokenizer.decode(ids());
            // Text already searched holds no stop string (the row would have ended); only its tail can
            // change as tokens arrive (an incomplete character completed), so the search restarts a
            // little before where it ended rather than at 0, keeping a step's cost flat in the length.
            int longest = 0;
            for (String stop : stops) {
                longest = Math.max(longest, stop.length());
            }
            int from = Math.max(0, searchedLength - longest - STOP_MARGIN);
            int stop = Generator.firstStop(current, stops, from);
            searchedLength = current.length();
            if (stop >= 0) {
                finish(FinishReason.STOP, current.substring(0, stop));
                return token;
            }
        }
        if (size == maxNew) {
            finish(FinishReason.LENGTH, tokenizer.decode(ids()));
        }
        return token;
    }

    Completion completion() {
        return new Completion(ids(), text, Arrays.copyOf(logProbs, size), finished);
    }
}
