package io.modomodo.policy.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.modomodo.policy.model.DecodingSlots;
import io.modomodo.policy.model.SharedPrefixes;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.runtime.NoGradient;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.tokenizer.Tokenizer;

/**
 * Samples completions for a batch of prompts. Prompts are left-padded so that every row's next token
 * sits in the same column; the model masks the padding and positions count only real tokens, so a
 * row's completion does not depend on the other rows of its batch.
 *
 * <p>With the cache on, each distinct prompt is prefilled once into the slots of its rows, and every
 * step writes one position per row into a key/value cache allocated once at its final length
 * ({@link DecodingSlots}); rows that end early stay in the batch until the last one ends. For a stream
 * of prompts whose rows should leave as they finish, use {@link #openSession}.
 *
 * <p>Sampling itself (temperature, top-p, inverse-CDF draw) runs in Java on the logits of the step:
 * they are B × V floats, tiny next to the forward pass, and a per-row {@link SplittableRandom} split
 * from the seed (row b takes the b-th split) makes results reproducible independently of the engine's
 * global random state.
 */
public final class Generator {

    private final VisionLanguagePolicy policy;
    private PolicyMetrics metrics = PolicyMetrics.NONE;

    /** A generator over the given policy (not owned: closing it is the caller's business). */
    public Generator(VisionLanguagePolicy policy) {
        this.policy = policy;
    }

    /** Records Micrometer meters (see {@link PolicyMetrics}); returns this. */
    public Generator optMetrics(PolicyMetrics value) {
        metrics = value == null ? PolicyMetrics.NONE : value;
        return this;
    }

    /**
     * Opens a continuous-batching session over this generator's policy (see {@link DecodingSession}):
     * {@code slots} rows decoded per step, prompts of at most {@code maxPromptTokens} tokens, sampled
     * with {@code options} (their seed is unused: every row brings its own). The session allocates its
     * key/value cache here; close it to free it.
     *
     * @throws IllegalArgumentException when {@code slots} is below 1 or {@code maxPromptTokens} leaves no
     *     room in the model's text length
     */
    public DecodingSession openSession(int slots, int maxPromptTokens, SamplingOptions options) {
        if (!options.useCache()) {
            throw new IllegalArgumentException("a decoding session always uses the cache: useCache must be true");
        }
        DjlRuntime.useConfiguredThreads();
        return new DecodingSession(policy, slots, maxPromptTokens, options, metrics);
    }

    /**
     * Completes every input.
     *
     * @return one completion per input, in order
     * @throws IllegalArgumentException when an input does not fit the model (image size, token ids,
     *     prompt longer than the model's text length)
     */
    public List<Completion> generate(List<GenerationInput> inputs, SamplingOptions options) {
        if (inputs.isEmpty()) {
            return List.of();
        }
        DjlRuntime.useConfiguredThreads();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException("inputs[" + i + "] must not be null");
            }
        }
        long started = System.nanoTime();
        Tokenizer tokenizer = policy.tokenizer();
        int batch = inputs.size();
        int promptLength = inputs.stream().mapToInt(in -> in.promptTokens().length).max().orElse(0);
        int room = policy.config().maxTextLength() - promptLength;
        if (room < 1) {
            throw new IllegalArgumentException("prompt of " + promptLength + " tokens leaves no room in maxTextLength "
                    + policy.config().maxTextLength());
        }
        int maxNew = Math.min(options.maxNewTokens(), room);
        SharedPrefixes prefixes = SharedPrefixes.of(inputs.stream().map(GenerationInput::image).toList(),
                inputs.stream().map(GenerationInput::promptTokens).toList());
        int[][] prefixTokens = prefixes.paddedPrompts(tokenizer.padId());
        boolean[][] prefixValid = prefixes.promptValidity();
        SplittableRandom root = new SplittableRandom(options.seed());
        RowState[] rows = new RowState[batch];
        for (int b = 0; b < batch; b++) {
            rows[b] = new RowState(maxNew, root.split());
        }
        if (options.useCache()) {
            cached(prefixes, prefixTokens, prefixValid, rows, options, maxNew);
        }
        else {
            uncached(prefixes, prefixTokens, prefixValid, rows, options, maxNew);
        }
        List<Completion> completions = new ArrayList<>(batch);
        long tokens = 0;
        for (RowState row : rows) {
            completions.add(row.completion());
            tokens += row.size();
            metrics.completion(row.finishReason().name().toLowerCase(java.util.Locale.ROOT));
        }
        metrics.generation(options.useCache(), tokens, System.nanoTime() - started);
        return completions;
    }

    /**
     * Decodes with the key/value cache: each distinct prompt is prefilled once into the slots of its
     * samples, then every step feeds one token per row into the preallocated cache.
     */
    private void cached(SharedPrefixes prefixes, int[][] prefixTokens, boolean[][] prefixValid, RowState[] rows,
            SamplingOptions options, int maxNew) {
        int batch = rows.length;
        int vocabulary = policy.config().vocabularySize();
        int[] all = new int[batch];
        for (int b = 0; b < batch; b++) {
            all[b] = b;
        }
        // The last token drawn is never fed back, so the cache needs room for maxNew - 1 new tokens.
        try (NDManager scratch = policy.manager().newSubManager();
                DecodingSlots slots = policy.decodingSlots(scratch, batch, prefixTokens[0].length,
                        Math.max(1, maxNew - 1))) {
            float[] flat;
            try (NDManager prefill = scratch.newSubManager()) {
                flat = slots.admit(all, policy.images(prefill, prefixes.images()), prefixTokens, prefixValid,
                        prefixes.prefixOfRow()).toFloatArray();
            }
            int[] next = new int[batch];
            while (sampleStep(flat, vocabulary, rows, next, options, maxNew)) {
                for (int b = 0; b < batch; b++) {
                    if (rows[b].isFinished() && slots.isOccupied(b)) {
                        slots.release(b);
                    }
                }
                flat = slots.step(next).toFloatArray();
            }
        }
    }

    /** Recomputes the whole prefix for every token: the reference the cached path is tested against. */
    private void uncached(SharedPrefixes prefixes, int[][] prefixTokens, boolean[][] prefixValid, RowState[] rows,
            SamplingOptions options, int maxNew) {
        int batch = rows.length;
        int vocabulary = policy.config().vocabularySize();
        NoGradient noGradient = NoGradient.enter();
        try (NDManager scratch = policy.manager().newSubManager()) {
            List<float[]> images = new ArrayList<>(batch);
            int[][] tokens = new int[batch][];
            boolean[][] valid = new boolean[batch][];
            for (int b = 0; b < batch; b++) {
                int prefix = prefixes.prefixOfRow()[b];
                images.add(prefixes.images().get(prefix));
                tokens[b] = prefixTokens[prefix].clone();
                valid[b] = prefixValid[prefix].clone();
            }
            NDArray imageBatch = policy.images(scratch, images);
            NDArray logits = lastLogits(scratch, imageBatch, tokens, valid);
            int[] next = new int[batch];
            while (sampleStep(logits.toFloatArray(), vocabulary, rows, next, options, maxNew)) {
                tokens = append(tokens, next);
                valid = append(valid);
                NDArray previous = logits;
                logits = lastLogits(scratch, imageBatch, tokens, valid);
                previous.close();
            }
        }
        finally {
            noGradient.close();
        }
    }

    /**
     * Samples one token for every unfinished row from the step's logits [B, V] into {@code next} (pad
     * for finished rows).
     *
     * @return whether a row is still unfinished
     */
    private boolean sampleStep(float[] flat, int vocabulary, RowState[] rows, int[] next, SamplingOptions options,
            int maxNew) {
        Tokenizer tokenizer = policy.tokenizer();
        boolean anyActive = false;
        for (int b = 0; b < rows.length; b++) {
            RowState row = rows[b];
            if (row.isFinished()) {
                next[b] = tokenizer.padId();
                continue;
            }
            next[b] = row.sampleNext(flat, b * vocabulary, vocabulary, options, tokenizer, maxNew);
            anyActive |= !row.isFinished();
        }
        return anyActive;
    }

    private NDArray lastLogits(NDManager scratch, NDArray images, int[][] tokens, boolean[][] valid) {
        int batch = tokens.length;
        int last = policy.config().patchCount() + tokens[0].length - 1;
        try (NDManager step = scratch.newSubManager()) {
            NDArray stepImages = images.duplicate();
            stepImages.attach(step);
            NDArray logits = policy.logits(stepImages, tokens, valid, last, 1)
                    .reshape(batch, policy.config().vocabularySize());
            logits.attach(scratch);
            return logits;
        }
    }

    private static int[][] append(int[][] tokens, int[] next) {
        int[][] grown = new int[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            grown[b] = Arrays.copyOf(tokens[b], tokens[b].length + 1);
            grown[b][tokens[b].length] = next[b];
        }
        return grown;
    }

    private static boolean[][] append(boolean[][] valid) {
        boolean[][] grown = new boolean[valid.length][];
        for (int b = 0; b < valid.length; b++) {
            grown[b] = Arrays.copyOf(valid[b], valid[b].length + 1);
            grown[b][valid[b].length] = true;
        }
        return grown;
    }

    /** End index (exclusive) of the earliest stop string in the text, or -1. */
    static int firstStop(String text, List<String> stops) {
        return firstStop(text, stops, 0);
    }

    /** Like {@link #firstStop(String, List)} for stop strings starting at or after {@code from}. */
    static int firstStop(String text, List<String> stops, int from) {
        int best = -1;
        int bestStart = Integer.MAX_VALUE;
        for (String stop : stops) {
            int start = text.indexOf(stop, from);
            if (start >= 0 && start < bestStart) {
                bestStart = start;
                best = start + stop.length();
            }
        }
        return best;
    }

    /**
     * Draws one token from row logits and records its log-probability under softmax(logits / T).
     * Package-private for tests of the top-p arithmetic.
     */
    static int sample(float[] logits, int offset, int vocabulary, SamplingOptions options, SplittableRandom random,
            RowState row) {
        double temperature = options.temperature() == 0 ? 1.0 : options.temperature();
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocabulary; v++) {
            max = Math.max(max, logits[offset + v] / temperature);
        }
        double[] probabilities = new double[vocabulary];
        double sum = 0;
        for (int v = 0; v < vocabulary; v++) {
            probabilities[v] = Math.exp(logits[offset + v] / temperature - max);
            sum += probabilities[v];
        }
        double logSum = Math.log(sum) + max;
        int token;
        if (options.temperature() == 0) {
            token = 0;
            for (int v = 1; v < vocabulary; v++) {
                if (logits[offset + v] > logits[offset + token]) {
                    token = v;
                }
            }
        }
        else {
            token = draw(probabilities, sum, options.topP(), random.nextDouble());
        }
        if (row != null) {
            row.logProb(logits[offset + token] / temperature - logSum);
        }
        return token;
    }

    /** Inverse-CDF draw from the smallest set of most likely tokens whose mass reaches topP. */
    static int draw(double[] weights, double total, double topP, double uniform) {
        int vocabulary = weights.length;
        if (topP >= 1) {
            double target = uniform * total;
            double cumulative = 0;
            for (int v = 0; v < vocabulary; v++) {
                cumulative += weights[v];
                if (target < cumulative) {
                    return v;
                }
            }
            return lastPositive(weights);
        }
        Integer[] order = new Integer[vocabulary];
        for (int v = 0; v < vocabulary; v++) {
            order[v] = v;
        }
        // Stable sort, so ties keep id order and the draw stays deterministic.
        Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
        double kept = 0;
        int keep = 0;
        while (keep < vocabulary) {
            kept += weights[order[keep]];
            keep++;
            if (kept >= topP * total) {
                break;
            }
        }
        double target = uniform * kept;
        double cumulative = 0;
        for (int i = 0; i < keep; i++) {
            cumulative += weights[order[i]];
            if (target < cumulative) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    private static int lastPositive(double[] weights) {
        for (int v = weights.length - 1; v >= 0; v--) {
            if (weights[v] > 0) {
                return v;
            }
        }
        return 0;
    }
}
