package io.modomodo.policy.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modomodo.policy.model.SharedPrefixes;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.EngineArrays;

/**
 * A batch of prompt–completion pairs laid out for one teacher-forced forward pass: prompts
 * left-padded to the longest prompt, completions right-padded to the longest completion, so that
 * completion token k of every row is predicted by the same column. Trainers compute log-probs with
 * gradients through {@link #tokenLogProbs}; {@link Scorer} does so without.
 */
public final class CompletionBatch {

    private final List<PromptCompletion> rows;
    private final int promptLength;
    private final int completionLength;
    private final int[][] tokens;
    private final boolean[][] valid;
    private final float[] mask;
    private final int[] targets;

    private CompletionBatch(List<PromptCompletion> rows, int padId) {
        this.rows = List.copyOf(rows);
        promptLength = rows.stream().mapToInt(r -> r.promptTokens().length).max().orElse(0);
        completionLength = rows.stream().mapToInt(r -> r.completionTokens().length).max().orElse(0);
        int batch = rows.size();
        tokens = new int[batch][promptLength + completionLength];
        valid = new boolean[batch][promptLength + completionLength];
        mask = new float[batch * completionLength];
        targets = new int[batch * completionLength];
        for (int b = 0; b < batch; b++) {
            int[] prompt = rows.get(b).promptTokens();
            int[] completion = rows.get(b).completionTokens();
            Arrays.fill(tokens[b], padId);
            int offset = promptLength - prompt.length;
            System.arraycopy(prompt, 0, tokens[b], offset, prompt.length);
            Arrays.fill(valid[b], offset, promptLength, true);
            System.arraycopy(completion, 0, tokens[b], promptLength, completion.length);
            Arrays.fill(valid[b], promptLength, promptLength + completion.length, true);
            for (int k = 0; k < completion.length; k++) {
                mask[b * completionLength + k] = 1f;
                targets[b * completionLength + k] = completion[k];
            }
        }
    }

    /**
     * Lays out the rows.
     *
     * @throws IllegalArgumentException when there are no rows
     */
    public static CompletionBatch of(List<PromptCompletion> rows, int padId) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one prompt-completion pair");
        }
        return new CompletionBatch(rows, padId);
    }

    /** The rows, in order. */
    public List<PromptCompletion> rows() {
        return rows;
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** Length of the longest completion: the width of every per-token result. */
    public int completionLength() {
        return completionLength;
    }

    /** Number of real completion tokens over all rows. */
    public int tokenCount() {
        int n = 0;
        for (PromptCompletion row : rows) {
            n += row.completionTokens().length;
        }
        return n;
    }

    /** Number of real tokens (prompt and completion) over all rows, for throughput figures. */
    public int sequenceTokenCount() {
        int n = 0;
        for (PromptCompletion row : rows) {
            n += row.promptTokens().length + row.completionTokens().length;
        }
        return n;
    }

    /** The completion mask [B, L]: 1 on real tokens, 0 on padding. */
    public NDArray mask(NDManager manager) {
        return EngineArrays.owned(manager.create(mask, new Shape(rows.size(), completionLength)));
    }

    /** Per-row float data [B, L] as an array in the given manager (old or reference log-probs, say). */
    public NDArray padded(NDManager manager, List<float[]> perRow) {
        float[] data = new float[rows.size() * completionLength];
        for (int b = 0; b < rows.size(); b++) {
            float[] values = perRow.get(b);
            int length = rows.get(b).completionTokens().length;
            if (values.length != length) {
                throw new IllegalArgumentException("row " + b + " has " + length + " completion tokens but "
                        + values.length + " values");
            }
            System.arraycopy(values, 0, data, b * completionLength, length);
        }
        return EngineArrays.owned(manager.create(data, new Shape(rows.size(), completionLength)));
    }

    /**
     * Log-probs [B, L] of the completion tokens under softmax(logits / temperature), and, when asked,
     * the entropy [B, L] of that distribution; zero under padding. Recorded by autograd when called
     * inside a gradient collector.
     *
     * @param scratch manager for inputs and intermediates
     * @return {log-probs} or {log-probs, entropy}
     */
    public NDArray[] tokenLogProbs(VisionLanguagePolicy policy, NDManager scratch, double temperature,
            boolean withEntropy) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        int batch = rows.size();
        int vocabulary = policy.config().vocabularySize();
        for (int i = 0; i < targets.length; i++) {
            if (mask[i] > 0 && (targets[i] < 0 || targets[i] >= vocabulary)) {
                throw new IllegalArgumentException("completion token id " + targets[i] + " of row " + i / completionLength
                        + " is outside the vocabulary [0, " + vocabulary + ")");
            }
        }
        if (completionLength == 0) {
            NDArray zeros = scratch.zeros(new Shape(batch, 0));
            return withEntropy ? new NDArray[] {zeros, zeros} : new NDArray[] {zeros};
        }
        SharedPrefixes prefixes = SharedPrefixes.of(rows.stream().map(PromptCompletion::image).toList(),
                rows.stream().map(PromptCompletion::promptTokens).toList());
        int[][] completions = new int[batch][];
        boolean[][] completionValid = new boolean[batch][];
        for (int b = 0; b < batch; b++) {
            completions[b] = Arrays.copyOfRange(tokens[b], promptLength, promptLength + completionLength);
            completionValid[b] = Arrays.copyOfRange(valid[b], promptLength, promptLength + completionLength);
        }
        NDArray logits = policy.completionLogits(policy.images(scratch, prefixes.images()),
                prefixes.paddedPrompts(policy.tokenizer().padId()), prefixes.promptValidity(), prefixes.prefixOfRow(),
                completions, completionValid);
        if (temperature != 1.0) {
            logits = logits.div(temperature);
        }
        NDArray logSoftmax = logits.logSoftmax(-1);
        NDArray index = scratch.create(targets, new Shape(batch, completionLength, 1));
        NDArray maskArray = mask(scratch);
        NDArray logProbs = logSoftmax.gather(index, -1).reshape(batch, completionLength).mul(maskArray);
        if (!withEntropy) {
            return new NDArray[] {logProbs};
        }
        NDArray entropy = logSoftmax.exp().mul(logSoftmax).sum(new int[] {-1}).neg().mul(maskArray);
        return new NDArray[] {logProbs, entropy};
    }

    /** Splits a [B, L] float result into per-row arrays of each row's completion length. */
    public List<float[]> unpad(float[] flat) {
        List<float[]> out = new ArrayList<>(rows.size());
        for (int b = 0; b < rows.size(); b++) {
            int length = rows.get(b).completionTokens().length;
            out.add(Arrays.copyOfRange(flat, b * completionLength, b * completionLength + length));
        }
        return out;
    }
}
