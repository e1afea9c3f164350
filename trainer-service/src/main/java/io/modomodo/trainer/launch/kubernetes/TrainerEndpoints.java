package io.modomodo.trainer.launch.kubernetes;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a Job's pod shares with the trainer-service: the checkpoint store's path (the same claim is mounted
 * there), the datasets' root (the datasets claim, when one is configured) and the services it calls.
 */
public record TrainerEndpoints(Path checkpointDir, Path dataRoot, URI rollout, URI reward) {

    public TrainerEndpoints {
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(rollout, "rollout");
        Objects.requireNonNull(reward, "reward");
    }
}
