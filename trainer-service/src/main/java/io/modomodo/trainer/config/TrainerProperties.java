package io.modomodo.trainer.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the trainer-service ({@code modomodo.trainer.*}, or {@code MODOMODO_TRAINER_*}). The
 * defaults of jobs and policies are apart, in {@link TrainerDefaults} ({@code modomodo.trainer.defaults.*}).
 *
 * @param checkpointDir the checkpoint store (a shared volume in Kubernetes)
 * @param dataRoot JSONL datasets named by jobs must lie under this folder
 * @param launcher {@code in-process} (this replica claims and runs queued jobs) or {@code none}
 * @param runJob when set, run this one job to its end and exit (a Kubernetes Job's pod)
 * @param runner how jobs are claimed and run
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.trainer")
public record TrainerProperties(@NotNull Path checkpointDir, @NotNull Path dataRoot,
        @NotNull @Valid Services services, @DefaultValue("in-process") String launcher, UUID runJob,
        @NotNull @Valid Runner runner) {

    /** Where the services this one calls live; in Kubernetes, their cluster DNS names. */
    public record Services(@NotNull URI rollout, @NotNull URI reward,
            @DefaultValue("PT5S") Duration connectTimeout, @DefaultValue("PT10M") Duration readTimeout) {
    }

    /**
     * @param concurrentJobs jobs one replica runs at once
     * @param pollInterval how often an idle replica looks for queued jobs and expired leases
     * @param lease how long a claim lasts without renewal; a replica that dies loses its jobs after it
     * @param retryInitial first back-off when the rollout- or reward-service is unreachable
     * @param retryMax longest back-off
     * @param retryLimit a job fails after waiting this long in a row for a service
     */
    public record Runner(@Min(1) @DefaultValue("1") int concurrentJobs, @DefaultValue("PT2S") Duration pollInterval,
            @DefaultValue("PT30S") Duration lease, @DefaultValue("PT1S") Duration retryInitial,
            @DefaultValue("PT30S") Duration retryMax, @DefaultValue("PT10M") Duration retryLimit) {
    }
}
