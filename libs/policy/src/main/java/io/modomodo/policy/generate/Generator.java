package io.modomodo.policy.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.modomodo.policy.model.DecodingState;
import io.modomodo.policy.model.SharedPrefixes;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.NoGradient;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.tokenizer.Tokenizer;

/**
 * Samples completions for a batch of prompts. Prompts are left-padded so that every row's next token
 * sits in the same column; the model masks the padding and positions count only real tokens, so a
 * row's completion does not depend on the other rows of its batch.
 *
 * <p>Sampling itself (temperature, top-p, inverse-CDF draw) runs in Java on the logits of the step:
 * they are B × V floats, tiny next to the forward pass, and a per-row {@link SplittableRandom} split
 * from the seed makes results reproducible independently of the engine's global random state.
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
        SplittableRandom[] random = new SplittableRandom[batch];
        RowState[] rows = new RowState[batch];
        for (int b = 0; b < batch; b++) {
            random[b] = root.split();
            rows[b] = new RowState(maxNew);
        }
        int vocabulary = policy.config().vocabularySize();
        NoGradient noGradient = NoGradient.enter();
        try (NDManager scratch = policy.manager().newSubManager()) {
            DecodingState state = null;
            NDArray logits;
            NDArray imageBatch = null;
            int[][] tokens = null;
            boolean[][] valid = null;
            if (options.useCache()) {
                // Each distinct prompt is prefilled once; its samples share the cached prefix.
                state = policy.prefill(scratch, policy.images(scratch, prefixes.images()), prefixTokens, prefixValid,
                        prefixes.prefixOfRow());
                logits = state.logits();
            }
            else {
                List<float[]> images = new ArrayList<>(batch);
                tokens = new int[batch][];
                valid = new boolean[batch][];
                for (int b = 0; b < batch; b++) {
                    int prefix = prefixes.prefixOfRow()[b];
                    images.add(prefixes.images().get(prefix));
                    tokens[b] = prefixTokens[prefix].clone();
                    valid[b] = prefixValid[prefix].clone();
                }
                imageBatch = policy.images(scratch, images);
                logits = lastLogits(scratch, imageBatch, tokens, valid);
            }
            int[] next = new int[batch];
            for (int step = 0; step < maxNew; step++) {
                float[] flat = logits.toFloatArray();
                boolean anyActive = false;
                for (int b = 0; b < batch; b++) {
                    RowState row = rows[b];
                    if (row.finished != null) {
                        next[b] = tokenizer.padId();
                        continue;
                    }
                    int token = sample(flat, b * vocabulary, vocabulary, options, random[b], row);
                    next[b] = token;
                    row.append(token);
                    if (token == tokenizer.eosId()) {
                        row.finish(FinishReason.STOP, tokenizer.decode(row.ids()));
                    }
                    else {
                        String text = tokenizer.decode(row.ids());
                        int stop = firstStop(text, options.stopStrings());
                        if (stop >= 0) {
                            row.finish(FinishReason.STOP, text.substring(0, stop));
                        }
                        else if (row.size == maxNew) {
                            row.finish(FinishReason.LENGTH, text);
                        }
                    }
                    anyActive |= row.finished == null;
                }
                if (!anyActive) {
                    break;
                }
                if (state != null) {
                    logits = state.step(next);
                }
                else {
                    tokens = append(tokens, next);
                    valid = append(valid);
                    NDArray previous = logits;
                    logits = lastLogits(scratch, imageBatch, tokens, valid);
                    previous.close();
                }
            }
        }
        finally {
            noGradient.close();
        }
        List<Completion> completions = new ArrayList<>(batch);
        long tokens = 0;
        for (RowState row : rows) {
            completions.add(new Completion(row.ids(), row.text, Arrays.copyOf(row.logProbs, row.size), row.finished));
            tokens += row.size;
            metrics.completion(row.finished.name().toLowerCase(java.util.Locale.ROOT));
        }
        metrics.generation(options.useCache(), tokens, System.nanoTime() - started);
        return completions;
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
        int best = -1;
        int bestStart = Integer.MAX_VALUE;
        for (String stop : stops) {
            int start = text.indexOf(stop);
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

    /** Progress of one row. */
    static final class RowState {
        private final int[] ids;
        private final float[] logProbs;
        private int size;
        private int pendingLogProb;
        private FinishReason finished;
        private String text = "";

        RowState(int capacity) {
            ids = new int[capacity];
            logProbs = new float[capacity];
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

        void finish(FinishReason reason, String finalText) {
            finished = reason;
            text = finalText;
        }
    }
}
