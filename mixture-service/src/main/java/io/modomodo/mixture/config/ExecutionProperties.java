package io.modomodo.mixture.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Managed study executions ({@code modomodo.mixture.executions.*}, or {@code MODOMODO_MIXTURE_EXECUTIONS_*}).
 *
 * @param enabled whether this replica drives executions (the API answers either way)
 * @param tick pause between two passes of the scheduler over the running executions
 * @param lease how long a replica owns an execution after its last pass; another replica takes it over after
 * @param parallelJobs jobs of one execution in flight at once, unless the request says otherwise
 * @param maxJobs most jobs one execution may plan (pilots, explore rounds and the final together)
 * @param defaultPolicy the base policy jobs train from when the request names none
 * @param trainer where the trainer-service (or the gateway in front of it) is
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.mixture.executions")
public record ExecutionProperties(boolean enabled, @NotNull Duration tick, @NotNull Duration lease,
        @Min(1) int parallelJobs, @Min(1) int maxJobs, @NotBlank String defaultPolicy, @NotNull @Valid Trainer trainer) {

    /**
     * @param url the trainer-service, or the gateway (then set {@code apiKey})
     * @param apiKey sent as {@code X-API-Key} when set: the gateway's key for this service
     */
    public record Trainer(@NotBlank String url, String apiKey, @NotNull Duration connectTimeout,
            @NotNull Duration readTimeout) {
    }
}
