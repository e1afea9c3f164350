package io.modomodo.rollout.config;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the rollout-service ({@code modomodo.rollout.*}, or {@code MODOMODO_ROLLOUT_*}).
 *
 * @param warmUpEngine load the PyTorch engine before the service reports ready
 * @param checkpointDir the checkpoint store (a shared volume in Kubernetes)
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.rollout")
public record RolloutProperties(boolean warmUpEngine, @NotNull Path checkpointDir) {
}
