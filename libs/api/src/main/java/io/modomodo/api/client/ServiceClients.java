package io.modomodo.api.client;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** Builds the service clients over a {@link RestClient} pointed at a service or at the gateway. */
public final class ServiceClients {

    private ServiceClients() {
    }

    /** A client of the given interface whose requests go to {@code baseUrl} (e.g. http://localhost:8080). */
    public static <T> T create(Class<T> client, String baseUrl) {
        return create(client, RestClient.builder().baseUrl(baseUrl).build());
    }

    /**
     * A client that sends {@code apiKey} on every request as {@code Authorization: Bearer <key>}, as the
     * gateway asks once API keys are configured there.
     */
    public static <T> T create(Class<T> client, String baseUrl, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank; use create(client, baseUrl) without a key");
        }
        return create(client, RestClient.builder().baseUrl(baseUrl)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey.strip()).build());
    }

    /** A client of the given interface over a configured {@link RestClient} (auth headers, timeouts, …). */
    public static <T> T create(Class<T> client, RestClient restClient) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build().createClient(client);
    }
}
