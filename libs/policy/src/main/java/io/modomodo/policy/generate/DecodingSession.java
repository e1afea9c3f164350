package io.modomodo.policy.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;
import io.modomodo.policy.model.DecodingSlots;
import io.modomodo.policy.model.SharedPrefixes;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.runtime.DjlRuntime;
import io.modomodo.policy.runtime.PolicyMetrics;
import io.modomodo.policy.tokenizer.Tokenizer;

/**
 * Continuous batching: a fixed number of decoding slots that prompts enter as slots free up, so a
 * batch with a few long answers does not hold the others. Prompts are {@linkplain #submit queued}; each
 * {@link #step()} first admits waiting prompts (first come, first served, lowest free slot first) into
 * the free slots, then draws one token for every running row, frees the slots of rows that finished
 * (eos, a stop string, or {@code maxNewTokens}) and returns their completions, and finally runs one
 * decoding step on the engine for the rows still running. The key/value cache is allocated once when
 * the session opens (see {@link DecodingSlots}) and written in place; identical prompts (image and
 * text) admitted in the same step are prefilled once, as the G samples of a GRPO group are.
 *
 * <pre>{@code
 * try (DecodingSession session = generator.openSession(64, 48, SamplingOptions.of(128, 0))) {
 *     for (int i = 0; i < prompts.size(); i++) {
 *         session.submit(prompts.get(i), seeds[i]);      // returns ticket i
 *     }
 *     while (!session.isIdle()) {
 *         for (SessionCompletion done : session.step()) {
 *             deliver(done.ticket(), done.completion());  // as soon as each row ends
 *         }
 *         // more prompts may be submitted here, between steps
 *     }
 * }
 * }</pre>
 *
 * <p>What holds for reproducibility, precisely:
 * <ul>
 * <li>Every row draws from its own {@link SplittableRandom} seeded with the seed given at
 * {@link #submit}, and nothing else draws from it: which rows share the batch, the slot a row lands
 * in and the step at which it is admitted do not change the random numbers it uses.</li>
 * <li>A row's logits depend only on its own image, prompt and tokens: padding, other slots, and what
 * earlier occupants left in its slot are masked out exactly (their attention weights are exactly 0).
 * They are equal to the bit across batch compositions only as far as the engine's batched matrix
 * kernels round the same way for every batch size, which PyTorch does not promise: logits may
 * differ in their last bits (≈1e-6 relative), so a token drawn within that distance of a
 * cumulative-probability boundary could differ. The tests check identical tokens and log-probs
 * within 1e-5 for a row decoded alone and beside others.</li>
 * <li>The same slot count, options, submissions (order, inputs, seeds) and interleaving of
 * {@code submit}/{@code step} calls on the same machine and thread count give bit-identical
 * completions.</li>
 * <li>With the same seed a row's completion here and in {@link Generator#generate} differ:
 * {@code generate} derives row b's stream from the options' seed ({@code b}-th split), a session
 * uses the submitted seed directly.</li>
 * </ul>
 *
 * <p>Costs. Every step computes all slots, free or not (the batch shape stays fixed); admission runs
 * one prefill forward pass over the admitted prompts. Not thread-safe: one thread owns a session
 * (submit from other threads through a queue of your own). Metrics: each completion counts in
 * {@code modomodo.policy.completions}, each step's drawn tokens in {@code modomodo.policy.generated.tokens}
 * and its time in {@code modomodo.policy.generation} (cache=true).
 */
public final class DecodingSession implements AutoCloseable {

    /** A finished row: the ticket {@link #submit} returned for it, and its completion. */
    public record SessionCompletion(long ticket, Completion completion) {
    }

    private record Waiting(long ticket, GenerationInput input, long seed) {
    }

    private final VisionLanguagePolicy policy;
    private final SamplingOptions options;
    private final PolicyMetrics metrics;
    private final int maxNew;
    private final int vocabulary;
    private final NDManager scratch;
    private final DecodingSlots slots;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final RowState[] rows;
    private final long[] tickets;
    private final float[] logits;
    private final int[] next;
    private long nextTicket;
    private boolean closed;

    DecodingSession(VisionLanguagePolicy policy, int slotCount, int maxPromptTokens, SamplingOptions options,
            PolicyMetrics metrics) {
        int room = policy.config().maxTextLength() - maxPromptTokens;
        if (maxPromptTokens < 1 || room < 1) {
            throw new IllegalArgumentException("maxPromptTokens must be in [1, " + (policy.config().maxTextLength() - 1)
                    + "] so that a completion fits maxTextLength, got " + maxPromptTokens);
        }
        if (slotCount < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slotCount);
        }
        this.policy = policy;
        this.options = options;
        this.metrics = metrics;
        this.maxNew = Math.min(options.maxNewTokens(), room);
        this.vocabulary = policy.config().vocabularySize();
        this.rows = new RowState[slotCount];
        this.tickets = new long[slotCount];
        this.logits = new float[slotCount * vocabulary];
        this.next = new int[slotCount];
        this.scratch = policy.manager().newSubManager();
        try {
            // The last token drawn is never fed back, so a row needs room for maxNew - 1 fed tokens.
            this.slots = policy.decodingSlots(scratch, slotCount, maxPromptTokens, Math.max(1, maxNew - 1));
        }
        catch (RuntimeException ex) {
            scratch.close();
            throw ex;
        }
    }

    /** Number of slots: rows decoded together per step. */
    public int slotCount() {
        return rows.length;
    }

    /** Most new tokens per row: the options' {@code maxNewTokens}, capped by the model's text length. */
    public int maxNewTokens() {
        return maxNew;
    }

    /**
     * Queues a prompt; it enters a free slot at a following {@link #step()}.
     *
     * @param seed seeds this row's sampling, and nothing else's
     * @return the ticket that identifies the row's completion
     * @throws IllegalArgumentException when the input does not fit the session (image size, token ids,
     *     a prompt longer than the session's {@code maxPromptTokens})
     */
    public long submit(GenerationInput input, long seed) {
        requireOpen();
        if (input == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        int size = policy.config().imageSize();
        if (input.image().length != 3 * size * size) {
            throw new IllegalArgumentException("image must hold 3×" + size + "×" + size + " = " + 3 * size * size
                    + " floats, got " + input.image().length);
        }
        int[] prompt = input.promptTokens();
        if (prompt.length > slots.maxPromptTokens()) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens exceeds this session's "
                    + "maxPromptTokens " + slots.maxPromptTokens());
        }
        for (int id : prompt) {
            if (id < 0 || id >= vocabulary) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocabulary
                        + ")");
            }
        }
        long ticket = nextTicket++;
        waiting.add(new Waiting(ticket, input, seed));
        return ticket;
    }

    /** Prompts submitted and not yet admitted. */
    public int waiting() {
        return waiting.size();
    }

    /** Rows occupying a slot. */
    public int running() {
        int count = 0;
        for (RowState row : rows) {
            if (row != null) {
                count++;
            }
        }
        return count;
    }

    /** Whether every submitted prompt has completed. */
    public boolean isIdle() {
        return waiting.isEmpty() && running() == 0;
    }

    /**
     * Admits waiting prompts into free slots, draws one token for every running row, and advances the
     * rows still running by one decoding step.
     *
     * @return the rows that finished in this step, in slot order (empty when none did)
     */
    public List<SessionCompletion> step() {
        requireOpen();
        DjlRuntime.useConfiguredThreads();
        long started = System.nanoTime();
        admit();
        Tokenizer tokenizer = policy.tokenizer();
        List<SessionCompletion> finished = new ArrayList<>();
        boolean anyRunning = false;
        long drawn = 0;
        for (int b = 0; b < rows.length; b++) {
            RowState row = rows[b];
            if (row == null) {
                next[b] = tokenizer.padId();
                continue;
            }
            next[b] = row.sampleNext(logits, b * vocabulary, vocabulary, options, tokenizer, maxNew);
            drawn++;
            if (row.isFinished()) {
                Completion completion = row.completion();
                finished.add(new SessionCompletion(tickets[b], completion));
                metrics.completion(completion.finishReason().name().toLowerCase(java.util.Locale.ROOT));
                rows[b] = null;
                slots.release(b);
            }
            else {
                anyRunning = true;
            }
        }
        if (anyRunning) {
            float[] stepped = slots.step(next).toFloatArray();
            System.arraycopy(stepped, 0, logits, 0, logits.length);
        }
        if (drawn > 0) {
            metrics.generation(true, drawn, System.nanoTime() - started);
        }
        return finished;
    }

    /**
     * Steps until every submitted prompt has completed.
     *
     * @return every completion finished meanwhile, in the order they finished
     */
    public List<SessionCompletion> drain() {
        List<SessionCompletion> all = new ArrayList<>();
        while (!isIdle()) {
            all.addAll(step());
        }
        return all;
    }

    private void admit() {
        int free = slots.freeSlots();
        if (free == 0 || waiting.isEmpty()) {
            return;
        }
        List<Waiting> admitted = new ArrayList<>();
        while (admitted.size() < free && !waiting.isEmpty()) {
            admitted.add(waiting.poll());
        }
        SharedPrefixes prefixes = SharedPrefixes.of(admitted.stream().map(w -> w.input().image()).toList(),
                admitted.stream().map(w -> w.input().promptTokens()).toList());
        int[] slotIds = new int[admitted.size()];
        int candidate = 0;
        for (int i = 0; i < slotIds.length; i++) {
            while (slots.isOccupied(candidate)) {
                candidate++;
            }
            slotIds[i] = candidate++;
        }
        float[] first;
        try (NDManager prefill = scratch.newSubManager()) {
            first = slots.admit(slotIds, policy.images(prefill, prefixes.images()),
                    prefixes.paddedPrompts(policy.tokenizer().padId()), prefixes.promptValidity(),
                    prefixes.prefixOfRow()).toFloatArray();
        }
        for (int i = 0; i < slotIds.length; i++) {
            int slot = slotIds[i];
            Waiting row = admitted.get(i);
            rows[slot] = new RowState(maxNew, new SplittableRandom(row.seed()));
            tickets[slot] = row.ticket();
            System.arraycopy(first, i * vocabulary, logits, slot * vocabulary, vocabulary);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
    }

    /** Frees the cache; rows still waiting or running are dropped. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            slots.close();
            scratch.close();
        }
    }
}
