package io.modomodo.gateway.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import io.modomodo.gateway.service.Sha256;

/**
 * Settings of the gateway ({@code modomodo.gateway.*}, or {@code MODOMODO_GATEWAY_*}). The routes in
 * {@code application.yml} read the service addresses from here, so moving a service is one variable.
 * With no {@code api-keys} the gateway is open (development); with any, {@code /api/v1/**} needs one.
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.gateway")
public record GatewayProperties(@NotNull @Valid Services services, @Valid List<ApiKey> apiKeys) {

    public GatewayProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** Two clients with one name would share a bucket and a metric; two with one key, an identity. */
    @AssertTrue(message = "api-keys: every name and every key must be unique")
    public boolean isApiKeysUnique() {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (ApiKey apiKey : apiKeys) {
            if (apiKey == null || !names.add(apiKey.name())
                    || (apiKey.isOneSecretGiven() && !keys.add(apiKey.sha256Hex()))) {
                return false;
            }
        }
        return true;
    }

    /** Base addresses of the services behind the gateway. */
    public record Services(@NotNull URI rollout, @NotNull URI reward, @NotNull URI trainer, @NotNull URI mixture) {
    }

    /**
     * One client of the platform: its name (forwarded as {@code X-Client-Name}, logged, a metric tag),
     * its secret as {@code keySha256} (lowercase or uppercase hex; what production should store) or as a
     * plain {@code key} (development), and its token bucket: a sustained {@code requestsPerSecond}
     * (fractions allowed) and a {@code burst} it may spend at once.
     */
    public record ApiKey(
            @NotNull @Pattern(regexp = "(?!(?:unknown|anonymous)$)[A-Za-z0-9._-]{1,64}",
                    message = "must be 1-64 characters from [A-Za-z0-9._-], and not 'unknown' or 'anonymous'")
            String name,
            String key,
            @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (the SHA-256 of the key)")
            String keySha256,
            @Positive Double requestsPerSecond,
            @Positive Integer burst) {

        public static final double DEFAULT_REQUESTS_PER_SECOND = 10;
        public static final int DEFAULT_BURST = 20;

        public ApiKey {
            requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
            burst = burst == null ? DEFAULT_BURST : burst;
        }

        @AssertTrue(message = "give exactly one of key and keySha256")
        public boolean isOneSecretGiven() {
            boolean plain = key != null && !key.isEmpty();
            boolean hashed = keySha256 != null && !keySha256.isEmpty();
            return plain != hashed;
        }

        /** The SHA-256 of the secret in lowercase hex, whichever way it was configured. */
        public String sha256Hex() {
            return keySha256 != null && !keySha256.isEmpty() ? keySha256.toLowerCase(Locale.ROOT)
                    : Sha256.hex(key);
        }

        @Override
        public String toString() {
            // Never the secret: configuration errors and debug logs print this.
            return "ApiKey[name=" + name + ", requestsPerSecond=" + requestsPerSecond + ", burst=" + burst + "]";
        }
    }
}
