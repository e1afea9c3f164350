package io.modomodo.service.engine;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The PyTorch engine of a service ({@code modomodo.engine.*}, or {@code MODOMODO_ENGINE_*}).
 *
 * <p>{@code threads} and {@code interopThreads} are read by {@link EngineThreads} before the engine
 * loads (PyTorch reads them once, at load); they are bound here as well so they are validated and
 * visible in {@code /actuator/configprops}.
 *
 * @param warmUp load the engine before the service reports ready (default true)
 * @param threads PyTorch intra-op threads; unset leaves PyTorch's default (one per core). Set 1 per
 *     service when several engine-running services share a small machine.
 * @param interopThreads PyTorch inter-op threads; unset leaves PyTorch's default
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.engine")
public record EngineProperties(Boolean warmUp, @Positive Integer threads, @Positive Integer interopThreads) {

    public EngineProperties {
        warmUp = warmUp == null ? Boolean.TRUE : warmUp;
    }

    /** Whether to warm the engine up at start. */
    public boolean warmUpAtStart() {
        return warmUp;
    }
}
