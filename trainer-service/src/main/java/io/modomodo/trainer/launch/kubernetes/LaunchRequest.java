package io.modomodo.trainer.launch.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the launcher needs of a training job to make (or make again) its Job.
 *
 * @param jobId the job
 * @param study the study the job belongs to, or null (a label on the Job, so a study's Jobs list together)
 * @param mixture domain → weight, for external trainers' templates
 * @param steps the job's GRPO steps, for external trainers' templates
 * @param seed the job's seed, for external trainers' templates
 * @param template the name of an external trainer's Job template, or null for the trainer's own image
 */
public record LaunchRequest(UUID jobId, String study, Map<String, Double> mixture, int steps, long seed,
        String template) {

    public LaunchRequest {
        Objects.requireNonNull(jobId, "jobId");
        mixture = mixture == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mixture));
    }
}
