package io.modomodo.rollout.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.modomodo.policy.checkpoint.LoadedCheckpoint;
import io.modomodo.policy.generate.Completion;
import io.modomodo.policy.generate.GenerationInput;
import io.modomodo.policy.generate.SamplingOptions;
import io.modomodo.service.policy.Lease;
import io.modomodo.service.policy.PolicyVersion;

/**
 * One request's rows, ready to generate: its policy version (leased until the job is done), its rows
 * (each prompt repeated samplesPerPrompt times, prompt-major) and its sampling options, seed included.
 */
final class RolloutJob implements Batcher.Item {

    private final PolicyVersion version;
    private final Lease<LoadedCheckpoint> lease;
    private final List<GenerationInput> rows;
    private final SamplingOptions options;
    private final boolean seeded;
    private final int maxTextLength;
    private final int longestPrompt;
    private final CompletableFuture<List<Completion>> result = new CompletableFuture<>();

    /**
     * @param seeded whether the caller gave the seed (then the job is reproducible and runs alone)
     * @param maxTextLength the model's prompt + completion length
     */
    RolloutJob(PolicyVersion version, Lease<LoadedCheckpoint> lease, List<GenerationInput> rows,
            SamplingOptions options, boolean seeded, int maxTextLength) {
        this.version = version;
        this.lease = lease;
        this.rows = List.copyOf(rows);
        this.options = options;
        this.seeded = seeded;
        this.maxTextLength = maxTextLength;
        this.longestPrompt = rows.stream().mapToInt(row -> row.promptTokens().length).max().orElse(0);
    }

    @Override
    public PolicyVersion queueKey() {
        return version;
    }

    @Override
    public CompletableFuture<List<Completion>> result() {
        return result;
    }

    /** Releases the lease; the waiting caller sees a cancellation (a 503). */
    @Override
    public void abandoned() {
        result.cancel(false);
        lease.close();
    }

    PolicyVersion version() {
        return version;
    }

    Lease<LoadedCheckpoint> lease() {
        return lease;
    }

    List<GenerationInput> rows() {
        return rows;
    }

    SamplingOptions options() {
        return options;
    }

    boolean seeded() {
        return seeded;
    }

    /**
     * Whether {@code candidate} may share one generate call with {@code batch} and still get exactly
     * what it would get alone, and the batch members too.
     *
     * <ul>
     * <li>Seeded jobs run alone. The library's {@code Generator} draws every row from one seed, splitting
     * it row by row, so a second seeded request in the batch would get the first one's random streams;
     * and even riders without a seed change the last bits of the seeded rows' log-probs (the batch's
     * shape changes the float sums). Running alone keeps a seeded request bit-identical whatever else
     * is queued. Unseeded jobs promise no particular draw, so they share the head's seed.</li>
     * <li>Same temperature, top-p, maxNewTokens and stop strings: one call has one set.</li>
     * <li>The generator clamps new tokens to the room the batch's longest prompt leaves in the model's
     * length; a job joins only if that clamp is the one every member would get alone.</li>
     * <li>At most {@code maxBatchSequences} rows.</li>
     * </ul>
     */
    static boolean canJoin(List<RolloutJob> batch, RolloutJob candidate, int maxBatchSequences) {
        RolloutJob head = batch.get(0);
        if (head.seeded || candidate.seeded) {
            return false;
        }
        SamplingOptions a = head.options;
        SamplingOptions b = candidate.options;
        if (a.temperature() != b.temperature() || a.topP() != b.topP() || a.maxNewTokens() != b.maxNewTokens()
                || !a.stopStrings().equals(b.stopStrings()) || a.useCache() != b.useCache()) {
            return false;
        }
        int rows = candidate.rows.size();
        int longest = candidate.longestPrompt;
        for (RolloutJob member : batch) {
            rows += member.rows.size();
            longest = Math.max(longest, member.longestPrompt);
        }
        if (rows > maxBatchSequences) {
            return false;
        }
        int together = Math.min(a.maxNewTokens(), head.maxTextLength - longest);
        if (candidate.clampedAlone() != together) {
            return false;
        }
        for (RolloutJob member : batch) {
            if (member.clampedAlone() != together) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code candidate} may enter a continuous session opened for {@code head}'s options with
     * the given prompt room and new-token budget, and get there what it would get alone: unseeded (seeded
     * jobs run alone, see {@link #canJoin}), the head's sampling options, prompts that fit the session
     * and the same new-token clamp as alone.
     */
    static boolean canEnter(RolloutJob head, RolloutJob candidate, int maxPromptTokens, int maxNewTokens) {
        if (candidate.seeded) {
            return false;
        }
        SamplingOptions a = head.options;
        SamplingOptions b = candidate.options;
        return a.temperature() == b.temperature() && a.topP() == b.topP() && a.maxNewTokens() == b.maxNewTokens()
                && a.stopStrings().equals(b.stopStrings()) && a.useCache() == b.useCache()
                && candidate.longestPrompt <= maxPromptTokens && candidate.clampedAlone() == maxNewTokens;
    }

    int longestPrompt() {
        return longestPrompt;
    }

    int maxTextLength() {
        return maxTextLength;
    }

    /** New tokens per row this job gets alone: its maxNewTokens, clamped by the room its prompts leave. */
    int clampedAlone() {
        return Math.min(options.maxNewTokens(), maxTextLength - longestPrompt);
    }
}
