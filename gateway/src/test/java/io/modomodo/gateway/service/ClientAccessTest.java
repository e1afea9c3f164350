package io.modomodo.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modomodo.gateway.config.GatewayProperties;
import io.modomodo.gateway.config.GatewayProperties.ApiKey;
import io.modomodo.gateway.service.ClientAccess.Admission;

class ClientAccessTest {

    private static final GatewayProperties.Services SERVICES = new GatewayProperties.Services(
            URI.create("http://a"), URI.create("http://b"), URI.create("http://c"), URI.create("http://d"));

    private final AtomicLong clock = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void withNoKeysConfiguredLetsEveryoneThroughAndCountsThemAsAnonymous() {
        ClientAccess access = new ClientAccess(new GatewayProperties(SERVICES, List.of()), meters, clock::get);

        assertThat(access.isOpen()).isTrue();
        assertThat(access.admit(null)).isEqualTo(new Admission.Allowed(null));
        assertThat(access.admit("anything")).isEqualTo(new Admission.Allowed(null));
        assertThat(meters.get(ClientAccess.METRIC).tag("client", "anonymous").tag("outcome", "allowed").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void tellsAMissingKeyFromAWrongOne() {
        ClientAccess access = access(new ApiKey("ci", "ci-secret", null, null, null));

        assertThat(access.admit(null)).isEqualTo(new Admission.Unauthorized(false));
        assertThat(access.admit("")).isEqualTo(new Admission.Unauthorized(false));
        assertThat(access.admit("ci-secret ")).isEqualTo(new Admission.Unauthorized(true));
        assertThat(access.admit("ci-secret")).isEqualTo(new Admission.Allowed("ci"));
        assertThat(meters.get(ClientAccess.METRIC).tag("client", "unknown").tag("outcome", "unauthorized").counter()
                .count()).isEqualTo(3);
    }

    @Test
    void roundsRetryAfterUpToWholeSecondsSoARetryAtThatTimeSucceeds() {
        // 0.3 requests a second: a token every 3.33 s, so "retry after 4".
        ClientAccess access = access(new ApiKey("slow", null, Sha256.hex("slow-secret"), 0.3, 1));

        assertThat(access.admit("slow-secret")).isEqualTo(new Admission.Allowed("slow"));
        Admission limited = access.admit("slow-secret");
        assertThat(limited).isEqualTo(new Admission.Limited("slow", 4, 0.3, 1));

        clock.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertThat(access.admit("slow-secret")).isEqualTo(new Admission.Allowed("slow"));
        assertThat(meters.get(ClientAccess.METRIC).tag("client", "slow").tag("outcome", "limited").counter()
                .count()).isEqualTo(1);
        assertThat(meters.get(ClientAccess.METRIC).tag("client", "slow").tag("outcome", "allowed").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void keepsOneBucketPerClient() {
        ClientAccess access = access(new ApiKey("a", "a-secret", null, 1.0, 1), new ApiKey("b", "b-secret", null, 1.0, 1));

        assertThat(access.admit("a-secret")).isInstanceOf(Admission.Allowed.class);
        assertThat(access.admit("a-secret")).isInstanceOf(Admission.Limited.class);
        assertThat(access.admit("b-secret")).isEqualTo(new Admission.Allowed("b"));
    }

    private ClientAccess access(ApiKey... keys) {
        return new ClientAccess(new GatewayProperties(SERVICES, List.of(keys)), meters, clock::get);
    }
}
