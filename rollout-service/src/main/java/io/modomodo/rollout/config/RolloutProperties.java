package io.modomodo.rollout.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the rollout-service ({@code modomodo.rollout.*}, or {@code MODOMODO_ROLLOUT_*}). The
 * engine's own settings (warm-up, threads) are {@code modomodo.engine.*}.
 *
 * @param checkpointDir root of the checkpoint store the trainer writes (a shared volume in Kubernetes);
 *     read only
 * @param cacheSize policy versions kept loaded
 * @param limits what one request may ask for; beyond a limit the answer is 413 naming it
 * @param queue the per-version queues and the workers that drain them
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.rollout")
public record RolloutProperties(@NotNull Path checkpointDir, @DefaultValue("4") @Min(1) int cacheSize,
        @DefaultValue @NotNull @Valid Limits limits, @DefaultValue @NotNull @Valid Queue queue) {

    /**
     * @param maxPrompts prompts per request
     * @param maxSamplesPerPrompt completions per prompt
     * @param maxSequences prompts × samplesPerPrompt per request
     * @param maxNewTokens {@code sampling.maxNewTokens}
     * @param maxImageBytes decoded bytes of one image
     * @param maxImageSide width and height of one image, in pixels (decoding is sized by them)
     * @param maxStopStrings entries of {@code sampling.stop}
     * @param maxStopLength characters of one stop string
     * @param maxPromptIdLength characters of a prompt id
     * @param maxBodyBytes bytes of the whole request body
     */
    public record Limits(@DefaultValue("64") @Min(1) int maxPrompts,
            @DefaultValue("64") @Min(1) int maxSamplesPerPrompt,
            @DefaultValue("1024") @Min(1) int maxSequences,
            @DefaultValue("512") @Min(1) int maxNewTokens,
            @DefaultValue("4194304") @Min(1) long maxImageBytes,
            @DefaultValue("4096") @Min(1) int maxImageSide,
            @DefaultValue("16") @Min(0) int maxStopStrings,
            @DefaultValue("256") @Min(1) int maxStopLength,
            @DefaultValue("256") @Min(1) int maxPromptIdLength,
            @DefaultValue("67108864") @Min(1) long maxBodyBytes) {
    }

    /**
     * @param capacity requests waiting (not yet generating) over all versions; one more is answered 429
     * @param workers generate calls running at once (each is one batch of one version)
     * @param maxBatchSequences sequences one generate call may hold when requests are batched
     * @param timeout longest a request waits for its completions before it is answered 503
     * @param retryAfter the {@code Retry-After} of a 429
     * @param mode how unseeded requests share the engine: {@code continuous} (a decoding session whose
     *     rows leave as they finish and whose free slots take waiting requests) or {@code batch} (one
     *     generate call per batch, answered when its longest row ends). Seeded requests run alone in one
     *     generate call in both modes, so that they stay bit-identical.
     * @param slots decoding slots of a continuous session: at least the rows of the requests that open
     *     it, at most {@code maxBatchSequences}; every step computes all of them, used or not
     */
    public record Queue(@DefaultValue("64") @Min(1) int capacity,
            @DefaultValue("1") @Min(1) int workers,
            @DefaultValue("256") @Min(1) int maxBatchSequences,
            @DefaultValue("10m") @NotNull Duration timeout,
            @DefaultValue("2s") @NotNull Duration retryAfter,
            @DefaultValue("continuous") @NotNull Mode mode,
            @DefaultValue("32") @Min(1) int slots) {
    }

    /** How unseeded requests share the engine; see {@link Queue#mode()}. */
    public enum Mode {
        /** Rows leave a shared decoding session as they finish; waiting requests take the free slots. */
        CONTINUOUS,
        /** One generate call per batch; every request of it waits for its longest row. */
        BATCH
    }
}
