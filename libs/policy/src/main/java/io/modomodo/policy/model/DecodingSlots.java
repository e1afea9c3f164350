package io.modomodo.policy.model;

import java.util.Arrays;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.modomodo.policy.runtime.NoGradient;

/**
 * A fixed number of decoding slots over one key/value cache allocated once, at its final size, and
 * written in place: the engine-side state of a batch being decoded, in which a row that has finished
 * can be {@linkplain #release released} and its slot {@linkplain #admit given} to a new prompt between
 * two steps (continuous batching).
 *
 * <p>Layout. Every slot has {@code columns = patchCount + maxPromptTokens + maxNewTokens} cache columns
 * per layer: first its prefix (image patches, then its prompt; columns a shorter prompt does not use
 * are masked), then a ring of {@code maxNewTokens} columns for generated tokens. Step number s (counted
 * from the creation of the slots) writes every slot's new key and value into ring column
 * {@code s mod maxNewTokens}, one in-place write per layer for all slots, and unmasks that column.
 * Attention is order-agnostic (a token's position enters through its learned position embedding, not
 * its column), so a row admitted at step s0 simply owns the ring columns written from s0 on; the
 * columns its slot held before are masked at admission. A slot holds at most {@code maxNewTokens}
 * generated tokens. Until the ring has wrapped, a step attends only over the columns written so far
 * (rounded up to a multiple of 16, so the views it reads are cut once per 16 steps), so its cost does
 * not depend on the final length; after, it attends over the whole (fixed) ring. The cache takes
 * {@code 4 bytes × depth × 2 × slots × width × columns}: 126 MB for the default model with 64 slots,
 * 48-token prompts and 128 new tokens.
 *
 * <p>The additive attention mask [slots, 1, 1, columns] lives on the engine next to the cache: admission
 * writes the admitted slots' rows, and a step unmasks one column. No per-step array grows with what
 * was generated: a step creates only its activations (freed when it ends), two int arrays of one entry
 * per slot (token ids and positions) and the logits it returns.
 *
 * <p>Every slot is computed at every step, occupied or not (a free slot decodes a dummy token whose
 * results are never read): the batch shape stays fixed so the engine's kernels and the cache views do
 * not change. A row's logits depend only on its own prefix and tokens (padding, stale columns and other
 * slots are masked out exactly), up to the last bits of floating-point rounding that the engine's
 * batched kernels may vary with the batch.
 *
 * <p>All arrays live in a sub-manager of the manager given at creation; {@link #close()} frees them.
 * Not thread-safe: one decoding loop owns it.
 */
public final class DecodingSlots implements AutoCloseable {

    /** Additive attention mask value: large enough that softmax gives exactly 0, finite so no NaN. */
    static final float MASKED = -1e9f;

    /**
     * Attention covers the filled columns rounded up to a multiple of this, so the views of the cache
     * it reads are cut once per this many steps rather than at every step (the extra columns are
     * masked: not yet written since their row was admitted).
     */
    private static final int VIEW_STEP = 16;

    private static final NDIndex NEW_KEYS_AND_VALUES = new NDIndex(":, 1:3");
    private static final NDIndex QUERIES = new NDIndex(":, 0");

    private final VisionLanguagePolicy policy;
    private final NDManager manager;
    private final int slots;
    private final int maxPromptTokens;
    private final int ring;
    private final int prefixWidth;
    private final int columns;
    /** Per layer, keys and values [2, slots, heads, columns, headWidth]: views of one allocation. */
    private final NDArray[] cache;
    private final NDArray[] keys;
    private final NDArray[] values;
    /** Per layer, the cache seen as [slots, 2, heads, columns, headWidth]: the layout of the QKV product. */
    private final NDArray[] bySlot;
    private final NDArray mask;
    private final NDArray zero;
    /** Columns the cached views below cover; they are re-cut only every {@link #VIEW_STEP} steps. */
    private int viewSpan = -1;
    private NDArray[] keysT;
    private NDArray[] valuesSpan;
    private NDArray maskSpan;
    private final boolean[] occupied;
    private final int[] positions;
    private final int[] generated;
    private final int[] stepTokens;
    private long steps;
    private NDArray logits;

    DecodingSlots(VisionLanguagePolicy policy, NDManager parent, int slots, int maxPromptTokens, int maxNewTokens) {
        PolicyConfig config = policy.config();
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        if (maxPromptTokens < 1) {
            throw new IllegalArgumentException("maxPromptTokens must be at least 1, got " + maxPromptTokens);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
        }
        if (maxPromptTokens > config.maxTextLength()) {
            throw new IllegalArgumentException("maxPromptTokens " + maxPromptTokens + " exceeds maxTextLength "
                    + config.maxTextLength());
        }
        this.policy = policy;
        this.slots = slots;
        this.maxPromptTokens = maxPromptTokens;
        this.ring = maxNewTokens;
        this.prefixWidth = config.patchCount() + maxPromptTokens;
        this.columns = prefixWidth + maxNewTokens;
        this.occupied = new boolean[slots];
        this.positions = new int[slots];
        this.generated = new int[slots];
        this.stepTokens = new int[slots];
        NDManager own = parent.newSubManager();
        try {
            int depth = config.depth();
            NDArray all = own.zeros(new Shape(depth, 2, slots, config.heads(), columns, config.headWidth()),
                    DataType.FLOAT32);
            cache = new NDArray[depth];
            keys = new NDArray[depth];
            values = new NDArray[depth];
            bySlot = new NDArray[depth];
            for (int l = 0; l < depth; l++) {
                cache[l] = all.get(l);
                keys[l] = cache[l].get(0);
                values[l] = cache[l].get(1);
                bySlot[l] = cache[l].transpose(1, 0, 2, 3, 4);
            }
            keysT = new NDArray[depth];
            valuesSpan = new NDArray[depth];
            // Everything masked until admitted, so a free slot never attends to anything real.
            mask = own.full(new Shape(slots, 1, 1, columns), MASKED);
            zero = own.create(0f);
            logits = own.zeros(new Shape(slots, config.vocabularySize()));
        }
        catch (RuntimeException ex) {
            own.close();
            throw ex;
        }
        this.manager = own;
    }

    /** Number of slots (rows computed per step). */
    public int slotCount() {
        return slots;
    }

    /** Longest prompt (in tokens, bos included) a slot accepts. */
    public int maxPromptTokens() {
        return maxPromptTokens;
    }

    /** Most tokens a row may be fed after its prompt before its slot is full. */
    public int maxNewTokens() {
        return ring;
    }

    /** Whether the slot holds a row. */
    public boolean isOccupied(int slot) {
        return occupied[checkSlot(slot)];
    }

    /** The lowest free slot, or -1 when all are occupied. */
    public int freeSlot() {
        for (int b = 0; b < slots; b++) {
            if (!occupied[b]) {
                return b;
            }
        }
        return -1;
    }

    /** Number of free slots. */
    public int freeSlots() {
        int free = 0;
        for (boolean busy : occupied) {
            if (!busy) {
                free++;
            }
        }
        return free;
    }

    /**
     * Runs new prompts (image and text) through the model and places them into free slots, replacing
     * nothing that a row still uses. Prompts that appear several times ({@code prefixOfRow} repeats)
     * are run once and copied into each of their slots.
     *
     * @param slotIds the free slots to fill, one per admitted row
     * @param images [U, 3, H, W] the distinct images; intermediate arrays land in its manager
     * @param tokens U prompts left-padded to one length of at most {@link #maxPromptTokens()} (the last
     *     element of every prompt must be a real token)
     * @param valid which prompt elements are real
     * @param prefixOfRow for each admitted row, the index of its prompt among the U
     * @return [n, V] logits for the first new token of each admitted row, in the manager of {@code images}
     * @throws IllegalArgumentException when a slot is occupied or out of range, or a prompt too long
     */
    public NDArray admit(int[] slotIds, NDArray images, int[][] tokens, boolean[][] valid, int[] prefixOfRow) {
        if (slotIds.length != prefixOfRow.length || slotIds.length == 0) {
            throw new IllegalArgumentException("admit needs one prefix index per slot, and at least one slot");
        }
        boolean[] seen = new boolean[slots];
        for (int slot : slotIds) {
            if (occupied[checkSlot(slot)] || seen[slot]) {
                throw new IllegalArgumentException("slot " + slot + " is not free");
            }
            seen[slot] = true;
        }
        for (int prefix : prefixOfRow) {
            if (prefix < 0 || prefix >= tokens.length) {
                throw new IllegalArgumentException("prefix index " + prefix + " is outside [0, " + tokens.length + ")");
            }
        }
        int promptLength = tokens.length == 0 ? 0 : tokens[0].length;
        if (promptLength > maxPromptTokens || promptLength == 0) {
            throw new IllegalArgumentException("prompts of " + promptLength + " tokens do not fit slots of "
                    + maxPromptTokens + " prompt tokens");
        }
        VisionLanguagePolicy.requireLastValid(tokens, valid);
        PolicyConfig config = policy.config();
        int patches = config.patchCount();
        int length = patches + promptLength;
        NDManager scratch = images.getManager();
        NoGradient noGradient = NoGradient.enter();
        try {
            java.util.List<NDArray[]> prefixCache = new java.util.ArrayList<>();
            NDArray hidden = policy.hidden(images, tokens, valid, prefixCache);
            NDArray index = scratch.create(prefixOfRow);
            long[] slotIndex = new long[slotIds.length];
            for (int i = 0; i < slotIds.length; i++) {
                slotIndex[i] = slotIds[i];
            }
            NDArray target = scratch.create(slotIndex);
            NDIndex prefixColumns = new NDIndex("{}, :, :{}", target, length);
            for (int l = 0; l < prefixCache.size(); l++) {
                NDArray[] kv = prefixCache.get(l);
                keys[l].set(prefixColumns, VisionLanguagePolicy.gatherRows(kv[0], index));
                values[l].set(prefixColumns, VisionLanguagePolicy.gatherRows(kv[1], index));
            }
            float[] rows = new float[slotIds.length * columns];
            Arrays.fill(rows, MASKED);
            for (int i = 0; i < slotIds.length; i++) {
                boolean[] prompt = valid[prefixOfRow[i]];
                int base = i * columns;
                Arrays.fill(rows, base, base + patches, 0f);
                int real = 0;
                for (int t = 0; t < promptLength; t++) {
                    if (prompt[t]) {
                        rows[base + patches + t] = 0f;
                        real++;
                    }
                }
                int slot = slotIds[i];
                occupied[slot] = true;
                positions[slot] = patches + real;
                generated[slot] = 0;
            }
            mask.set(new NDIndex("{}", target), scratch.create(rows, new Shape(slotIds.length, 1, 1, columns)));
            NDArray last = hidden.get(new NDIndex(":, {}:{}", length - 1, length));
            return policy.head(VisionLanguagePolicy.gatherRows(last, index))
                    .reshape(slotIds.length, config.vocabularySize());
        }
        finally {
            noGradient.close();
        }
    }

    /**
     * Frees a slot: its row is dropped and the slot may be {@linkplain #admit admitted} again. The slot
     * keeps being computed (with a dummy token) until then.
     */
    public void release(int slot) {
        occupied[checkSlot(slot)] = false;
        generated[slot] = 0;
        positions[slot] = 0;
    }

    /** Logits [slots, V] of the last step (zeros before the first; rows of free slots are meaningless). */
    public NDArray logits() {
        return logits;
    }

    /**
     * Feeds one token to every occupied slot and computes the logits for the following one.
     *
     * @param nextTokens one id per slot; entries of free slots are ignored
     * @return logits [slots, V], owned by this object and valid until the next step or {@link #close()}
     * @throws IllegalArgumentException when an occupied slot's token is outside the vocabulary
     * @throws IllegalStateException when an occupied slot has no room left (its {@link #maxNewTokens()}
     *     columns are used, or the model's positions are)
     */
    public NDArray step(int[] nextTokens) {
        if (nextTokens.length != slots) {
            throw new IllegalArgumentException("step needs one token per slot: " + slots + ", got "
                    + nextTokens.length);
        }
        PolicyConfig config = policy.config();
        for (int b = 0; b < slots; b++) {
            if (!occupied[b]) {
                stepTokens[b] = 0;
                continue;
            }
            int id = nextTokens[b];
            if (id < 0 || id >= config.vocabularySize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                        + config.vocabularySize() + ")");
            }
            if (generated[b] >= ring) {
                throw new IllegalStateException("slot " + b + " is full: it holds " + ring + " new tokens");
            }
            if (positions[b] >= config.positionCount()) {
                throw new IllegalStateException("sequence " + b + " exceeds maxTextLength " + config.maxTextLength());
            }
            stepTokens[b] = id;
        }
        int column = prefixWidth + (int) (steps % ring);
        int span = prefixWidth + (int) Math.min(steps + 1, ring);
        NDArray next;
        NoGradient noGradient = NoGradient.enter();
        try (NDManager step = manager.newSubManager()) {
            mask.set(new NDIndex(":, :, :, {}", column), zero);
            NDArray ids = step.create(stepTokens, new Shape(slots, 1));
            int[] at = new int[slots];
            for (int b = 0; b < slots; b++) {
                at[b] = occupied[b] ? positions[b] : 0;
            }
            NDArray x = policy.embed(ids, "token_embedding").addi(policy.embed(step.create(at, new Shape(slots, 1)),
                    "position_embedding"));
            cutViews(span);
            NDIndex write = new NDIndex(":, :, :, {}:{}", column, column + 1);
            for (int l = 0; l < cache.length; l++) {
                x = block(l, x, write);
            }
            next = policy.head(x).reshape(slots, config.vocabularySize());
            next.attach(manager);
        }
        finally {
            noGradient.close();
        }
        for (int b = 0; b < slots; b++) {
            if (occupied[b]) {
                positions[b]++;
                generated[b]++;
            }
        }
        steps++;
        logits.close();
        logits = next;
        return next;
    }

    /**
     * One block for one new position per slot: the fused QKV product, the new key and value written
     * into the cache in place, attention over the filled columns, projection and MLP.
     */
    private NDArray block(int l, NDArray x, NDIndex write) {
        PolicyConfig config = policy.config();
        int heads = config.heads();
        int headWidth = config.headWidth();
        String p = "block" + l + ".";
        NDArray qkv = policy.linear(policy.layerNorm(x, p + "ln1_gamma", p + "ln1_beta"), p + "qkv_weight",
                p + "qkv_bias").reshape(slots, 3, heads, 1, headWidth);
        // Every slot's new key and value, in one write through the slot-major view of the cache.
        bySlot[l].set(write, qkv.get(NEW_KEYS_AND_VALUES));
        // A view of the product: scaled in place, no copy.
        NDArray q = qkv.get(QUERIES).muli(1.0 / Math.sqrt(headWidth));
        NDArray attended = q.matMul(keysT[l]).addi(maskSpan).softmax(-1).matMul(valuesSpan[l])
                .reshape(slots, 1, config.width());
        x = x.addi(policy.linear(attended, p + "proj_weight", p + "proj_bias"));
        NDArray hidden = policy.gelu(policy.linear(policy.layerNorm(x, p + "ln2_gamma", p + "ln2_beta"),
                p + "fc1_weight", p + "fc1_bias"));
        return x.addi(policy.linear(hidden, p + "fc2_weight", p + "fc2_bias"));
    }

    /**
     * Makes the views attention reads (keys transposed, values, mask) cover at least {@code span}
     * columns, re-cutting them only when the span passes the next multiple of {@link #VIEW_STEP}.
     */
    private void cutViews(int span) {
        int wanted = Math.min(columns, prefixWidth + roundUp(span - prefixWidth, VIEW_STEP));
        if (wanted == viewSpan) {
            return;
        }
        NDIndex filled = new NDIndex(":, :, :{}", wanted);
        for (int l = 0; l < cache.length; l++) {
            if (keysT[l] != null) {
                keysT[l].close();
                valuesSpan[l].close();
            }
            try (NDArray cut = keys[l].get(filled)) {
                keysT[l] = cut.transpose(0, 1, 3, 2);
            }
            valuesSpan[l] = values[l].get(filled);
        }
        if (maskSpan != null) {
            maskSpan.close();
        }
        maskSpan = mask.get(new NDIndex(":, :, :, :{}", wanted));
        viewSpan = wanted;
    }

    private static int roundUp(int value, int step) {
        return (value + step - 1) / step * step;
    }

    private int checkSlot(int slot) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot " + slot + " is outside [0, " + slots + ")");
        }
        return slot;
    }

    /** Frees the cache, the mask and the last logits. */
    @Override
    public void close() {
        manager.close();
    }
}
