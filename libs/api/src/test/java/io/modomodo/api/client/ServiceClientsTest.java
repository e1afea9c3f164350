package io.modomodo.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class ServiceClientsTest {

    @Test
    void sendsTheApiKeyAsABearerTokenOnEveryRequest() throws IOException {
        AtomicReference<String> authorization = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"studies\": []}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            MixtureClient mixtures = ServiceClients.create(MixtureClient.class,
                    "http://localhost:" + server.getAddress().getPort(), "ci-secret");
            assertThat(mixtures.studies().studies()).isEmpty();
            assertThat(authorization.get()).isEqualTo("Bearer ci-secret");
        }
        finally {
            server.stop(0);
        }
    }

    @Test
    void refusesABlankKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> ServiceClients.create(MixtureClient.class,
                "http://localhost:1", " "));
    }
}
