package io.modomodo.api.client;

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

    /** A client of the given interface over a configured {@link RestClient} (auth headers, timeouts, …). */
    public static <T> T create(Class<T> client, RestClient restClient) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build().createClient(client);
    }
}
