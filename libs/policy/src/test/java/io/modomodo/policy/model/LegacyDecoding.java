package io.modomodo.policy.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The cached decoder of commit deb0d82, kept in test sources only so that benchmarks can compare the
 * new decoder with it in one run: every step concatenates the new keys and values onto a copy of the
 * whole cache (quadratic copying) and rebuilds the attention mask in Java. Not for production use.
 */
public final class LegacyDecoding implements AutoCloseable {

    private final VisionLanguagePolicy policy;
    private final NDManager manager;
    private List<NDArray[]> cache;
    private boolean[][] keys;
    private final int[] positions;
    private NDArray logits;

    private LegacyDecoding(VisionLanguagePolicy policy, NDManager manager, List<NDArray[]> cache, boolean[][] keys,
            int[] positions, NDArray logits) {
        this.policy = policy;
        this.manager = manager;
        this.cache = cache;
        this.keys = keys;
        this.positions = positions;
        this.logits = logits;
    }

    /** The old {@code VisionLanguagePolicy.prefill}: runs the U prefixes once and gathers them per row. */
    public static LegacyDecoding prefill(VisionLanguagePolicy policy, NDManager scratch, NDArray images,
            int[][] tokens, boolean[][] valid, int[] prefixOfRow) {
        PolicyConfig config = policy.config();
        List<NDArray[]> prefixCache = new ArrayList<>();
        NDArray hidden = policy.hidden(images, tokens, valid, prefixCache);
        int length = config.patchCount() + tokens[0].length;
        NDArray last = hidden.get(new NDIndex(":, {}:{}", length - 1, length));
        NDArray index = images.getManager().create(prefixOfRow);
        NDArray logits = policy.head(VisionLanguagePolicy.gatherRows(last, index))
                .reshape(prefixOfRow.length, config.vocabularySize());
        List<NDArray[]> cache = new ArrayList<>();
        for (NDArray[] kv : prefixCache) {
            NDArray[] rows = {VisionLanguagePolicy.gatherRows(kv[0], index),
                VisionLanguagePolicy.gatherRows(kv[1], index)};
            rows[0].attach(scratch);
            rows[1].attach(scratch);
            cache.add(rows);
        }
        boolean[][] keys = new boolean[prefixOfRow.length][];
        int[] next = new int[prefixOfRow.length];
        for (int b = 0; b < prefixOfRow.length; b++) {
            keys[b] = policy.keyValidity(valid[prefixOfRow[b]], 0);
            next[b] = VisionLanguagePolicy.count(valid[prefixOfRow[b]]) + config.patchCount();
        }
        logits.attach(scratch);
        return new LegacyDecoding(policy, scratch, cache, keys, next, logits);
    }

    public NDArray logits() {
        return logits;
    }

    /** The old {@code DecodingState.step}. */
    public NDArray step(int[] nextTokens) {
        boolean[][] grown = new boolean[keys.length][];
        for (int b = 0; b < keys.length; b++) {
            grown[b] = Arrays.copyOf(keys[b], keys[b].length + 1);
            grown[b][keys[b].length] = true;
        }
        NDArray next;
        List<NDArray[]> extended = new ArrayList<>();
        try (NDManager step = manager.newSubManager()) {
            next = decode(step, extended, grown, nextTokens);
            next.attach(manager);
            for (NDArray[] kv : extended) {
                kv[0].attach(manager);
                kv[1].attach(manager);
            }
        }
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

    /** The old {@code VisionLanguagePolicy.decode}. */
    private NDArray decode(NDManager step, List<NDArray[]> grownCache, boolean[][] grownKeys, int[] nextTokens) {
        PolicyConfig config = policy.config();
        int batch = nextTokens.length;
        NDArray ids = step.create(nextTokens, new Shape(batch, 1));
        NDArray pos = step.create(positions, new Shape(batch, 1));
        NDArray x = policy.embed(ids, "token_embedding").add(policy.embed(pos, "position_embedding"));
        int keyLength = grownKeys[0].length;
        float[] mask = new float[batch * keyLength];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < keyLength; j++) {
                mask[b * keyLength + j] = grownKeys[b][j] ? 0f : DecodingSlots.MASKED;
            }
        }
        NDArray additive = step.create(mask, new Shape(batch, 1, 1, keyLength));
        NDArray hidden = policy.blocks(x, additive, cache, grownCache);
        return policy.head(hidden).reshape(batch, config.vocabularySize());
    }

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
