package io.modomodo.gateway.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the gateway itself ({@code modomodo.gateway.limits.*}, or {@code MODOMODO_GATEWAY_LIMITS_*}).
 *
 * @param maxBodyBytes the largest request body forwarded to any service (default 32 MiB, the largest
 *        service limit); a larger one is a 413 from the gateway. Each service enforces its own, smaller
 *        limit behind it
 * @param apiDocsTimeout how long the gateway waits for a service's OpenAPI document
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.gateway.limits")
public record GatewayLimits(@Positive long maxBodyBytes, @NotNull Duration apiDocsTimeout) {
}
