package io.modomodo.gateway.config;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the gateway ({@code modomodo.gateway.*}, or {@code MODOMODO_GATEWAY_*}). The routes in
 * {@code application.yml} read the service addresses from here, so moving a service is one variable.
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.gateway")
public record GatewayProperties(@NotNull @Valid Services services) {

    /** Base addresses of the services behind the gateway. */
    public record Services(@NotNull URI rollout, @NotNull URI reward, @NotNull URI trainer, @NotNull URI mixture) {
    }
}
