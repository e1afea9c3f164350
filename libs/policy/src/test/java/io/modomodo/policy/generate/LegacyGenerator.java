package io.modomodo.policy.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.modomodo.policy.model.LegacyDecoding;
import io.modomodo.policy.model.SharedPrefixes;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.NoGradient;
import io.modomodo.policy.tokenizer.Tokenizer;

/**
 * The cached sampling loop of commit deb0d82 over {@link LegacyDecoding}, kept in test sources only so
 * that benchmarks compare the new decoder with the old one in the same run. It draws the same random
 * numbers per row as {@link Generator} (row b uses the b-th split of the seed), so both produce the
 * same tokens up to float rounding.
 */
public final class LegacyGenerator {

    private final VisionLanguagePolicy policy;

    public LegacyGenerator(VisionLanguagePolicy policy) {
        this.policy = policy;
    }

    public List<Completion> generate(List<GenerationInput> inputs, SamplingOptions options) {
        Tokenizer tokenizer = policy.tokenizer();
        int batch = inputs.size();
        int promptLength = inputs.stream().mapToInt(in -> in.promptTokens().length).max().orElse(0);
        int maxNew = Math.min(options.maxNewTokens(), policy.config().maxTextLength() - promptLength);
        SharedPrefixes prefixes = SharedPrefixes.of(inputs.stream().map(GenerationInput::image).toList(),
                inputs.stream().map(GenerationInput::promptTokens).toList());
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom[] random = new SplittableRandom[batch];
        RowState[] rows = new RowState[batch];
        for (int b = 0; b < batch; b++) {
            random[b] = root.split();
            rows[b] = new RowState(maxNew, random[b]);
        }
        int vocabulary = policy.config().vocabularySize();
        NoGradient noGradient = NoGradient.enter();
        try (NDManager scratch = policy.manager().newSubManager()) {
            LegacyDecoding state = LegacyDecoding.prefill(policy, scratch, policy.images(scratch, prefixes.images()),
                    prefixes.paddedPrompts(tokenizer.padId()), prefixes.promptValidity(), prefixes.prefixOfRow());
            NDArray logits = state.logits();
            int[] next = new int[batch];
            for (int step = 0; step < maxNew; step++) {
                float[] flat = logits.toFloatArray();
                boolean anyActive = false;
                for (int b = 0; b < batch; b++) {
                    RowState row = rows[b];
                    if (row.isFinished()) {
                        next[b] = tokenizer.padId();
                        continue;
                    }
                    int token = Generator.sample(flat, b * vocabulary, vocabulary, options, random[b], row);
                    next[b] = token;
                    row.append(token);
                    if (token == tokenizer.eosId()) {
                        row.finish(FinishReason.STOP, tokenizer.decode(row.ids()));
                    }
                    else {
                        String text = tokenizer.decode(row.ids());
                        int stop = Generator.firstStop(text, options.stopStrings());
                        if (stop >= 0) {
                            row.finish(FinishReason.STOP, text.substring(0, stop));
                        }
                        else if (row.size() == maxNew) {
                            row.finish(FinishReason.LENGTH, text);
                        }
                    }
                    anyActive |= !row.isFinished();
                }
                if (!anyActive) {
                    break;
                }
                logits = state.step(next);
            }
            state.close();
        }
        finally {
            noGradient.close();
        }
        List<Completion> completions = new ArrayList<>(batch);
        for (RowState row : rows) {
            completions.add(row.completion());
        }
        return completions;
    }
}
