package io.modomodo.trainer.config;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the trainer-service ({@code modomodo.trainer.*}, or {@code MODOMODO_TRAINER_*}).
 *
 * @param warmUpEngine load the PyTorch engine before the service reports ready
 * @param checkpointDir the checkpoint store (a shared volume in Kubernetes)
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.trainer")
public record TrainerProperties(boolean warmUpEngine, @NotNull Path checkpointDir, @NotNull @Valid Services services) {

    /** Where the services this one calls live; in Kubernetes, their cluster DNS names. */
    public record Services(@NotNull URI rollout, @NotNull URI reward, @NotNull URI mixture) {
    }
}
