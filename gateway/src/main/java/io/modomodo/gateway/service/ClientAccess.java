package io.modomodo.gateway.service;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.gateway.config.GatewayProperties;
import io.modomodo.gateway.config.GatewayProperties.ApiKey;
import io.modomodo.gateway.domain.TokenBucket;

/**
 * Decides whether a request may pass: which configured client its API key belongs to, and whether
 * that client's token bucket has a token left. Counts every decision as
 * {@code modomodo.gateway.requests{client, outcome=allowed|unauthorized|limited}}; the client tag is
 * a configured name, {@code unknown} for a missing or wrong key, {@code anonymous} in open mode.
 */
@Service
public class ClientAccess {

    public static final String METRIC = "modomodo.gateway.requests";
    public static final String UNKNOWN = "unknown";
    public static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(ClientAccess.class);

    private final List<Client> clients;
    private final Counter unauthorized;
    private final Counter anonymous;

    @Autowired
    public ClientAccess(GatewayProperties properties, MeterRegistry registry) {
        this(properties, registry, System::nanoTime);
    }

    ClientAccess(GatewayProperties properties, MeterRegistry registry, LongSupplier nanoClock) {
        this.clients = properties.apiKeys().stream()
                .map(apiKey -> new Client(apiKey, HexFormat.of().parseHex(apiKey.sha256Hex()),
                        new TokenBucket(apiKey.requestsPerSecond(), apiKey.burst(), nanoClock),
                        counter(registry, apiKey.name(), "allowed"), counter(registry, apiKey.name(), "limited")))
                .toList();
        // Only the series this mode can produce, so a dashboard shows no permanent zeros.
        this.unauthorized = clients.isEmpty() ? null : counter(registry, UNKNOWN, "unauthorized");
        this.anonymous = clients.isEmpty() ? counter(registry, ANONYMOUS, "allowed") : null;
        if (clients.isEmpty()) {
            log.warn("No API keys configured (modomodo.gateway.api-keys / MODOMODO_GATEWAY_APIKEYS_0_...): "
                    + "the gateway is OPEN and serves /api/v1/** to anyone, without rate limits. "
                    + "Fine for development; configure keys before exposing it.");
        }
        else {
            log.info("API keys required on /api/v1/** for {} client(s): {}", clients.size(),
                    clients.stream().map(c -> c.apiKey().name()).toList());
        }
    }

    /** True when no key is configured: every request passes, unauthenticated and unlimited. */
    public boolean isOpen() {
        return clients.isEmpty();
    }

    /**
     * @param presentedKey the key the caller sent, or null when it sent none
     */
    public Admission admit(String presentedKey) {
        if (isOpen()) {
            anonymous.increment();
            return new Admission.Allowed(null);
        }
        Client client = presentedKey == null || presentedKey.isEmpty() ? null : find(Sha256.digest(presentedKey));
        if (client == null) {
            unauthorized.increment();
            return new Admission.Unauthorized(presentedKey != null && !presentedKey.isEmpty());
        }
        long waitNanos = client.bucket().tryAcquire();
        if (waitNanos == 0) {
            client.allowed().increment();
            return new Admission.Allowed(client.apiKey().name());
        }
        client.limited().increment();
        long retryAfterSeconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return new Admission.Limited(client.apiKey().name(), retryAfterSeconds, client.apiKey().requestsPerSecond(),
                client.apiKey().burst());
    }

    /**
     * Compares the digest with every client's, always all of them and each in constant time, so the
     * time taken says nothing about which key, or how much of one, matched.
     */
    private Client find(byte[] digest) {
        Client found = null;
        for (Client client : clients) {
            if (MessageDigest.isEqual(client.sha256(), digest)) {
                found = client;
            }
        }
        return found;
    }

    private static Counter counter(MeterRegistry registry, String client, String outcome) {
        return Counter.builder(METRIC)
                .description("Requests to /api/v1/** by client and what the gateway decided")
                .tag("client", client)
                .tag("outcome", outcome)
                .register(registry);
    }

    private record Client(ApiKey apiKey, byte[] sha256, TokenBucket bucket, Counter allowed, Counter limited) {
    }

    /** What the gateway decided about one request. */
    public sealed interface Admission {

        /** Passes; {@code client} is the key's name, null in open mode. */
        record Allowed(String client) implements Admission {
        }

        /** No key, or one no client has ({@code keyGiven} tells which). */
        record Unauthorized(boolean keyGiven) implements Admission {
        }

        /** The client has spent its burst; a token is there again in {@code retryAfterSeconds}. */
        record Limited(String client, long retryAfterSeconds, double requestsPerSecond, int burst)
                implements Admission {
        }
    }
}
