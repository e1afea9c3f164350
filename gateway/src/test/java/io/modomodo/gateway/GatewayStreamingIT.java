package io.modomodo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/**
 * Server-sent events cross the gateway as they are written, not when the stream ends: a trainer's
 * job events and a study execution's events each send one event, then hold the stream open until the
 * test has read that event through the gateway. A buffering gateway would never deliver it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayStreamingIT {

    private static final HttpClient client = HttpClient.newHttpClient();
    private static HttpServer trainer;
    private static HttpServer mixture;
    private static volatile CountDownLatch firstEventRead = new CountDownLatch(1);
    private static volatile String seenKey;
    private static volatile String seenRequestId;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trainer = eventServer();
        mixture = eventServer();
        registry.add("modomodo.gateway.services.trainer", () -> "http://localhost:" + trainer.getAddress().getPort());
        registry.add("modomodo.gateway.services.mixture", () -> "http://localhost:" + mixture.getAddress().getPort());
        registry.add("modomodo.gateway.services.rollout", () -> "http://localhost:1");
        registry.add("modomodo.gateway.services.reward", () -> "http://localhost:1");
        registry.add("modomodo.gateway.api-keys[0].name", () -> "ci");
        registry.add("modomodo.gateway.api-keys[0].key", () -> "ci-secret");
    }

    @AfterAll
    static void stop() {
        firstEventRead.countDown();
        trainer.stop(0);
        mixture.stop(0);
    }

    @Test
    void streamsJobEventsAsTheTrainerWritesThem() throws Exception {
        assertStreamsThrough("/api/v1/jobs/7d3c/events");
    }

    @Test
    void streamsExecutionEventsAsTheMixtureServiceWritesThem() throws Exception {
        assertStreamsThrough("/api/v1/studies/s1/executions/e1/events");
    }

    @Test
    void refusesAStreamWithoutAKey() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/jobs/7d3c/events")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private void assertStreamsThrough(String path) throws Exception {
        firstEventRead = new CountDownLatch(1);
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path)).header("X-API-Key", "ci-secret")
                .header("X-Request-Id", "sse-1").header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("sse-1");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The backend holds the stream open after its first event until this line has been read.
            assertThat(lines.readLine()).isEqualTo("event: status");
            assertThat(lines.readLine()).isEqualTo("data: {\"step\":1}");
            firstEventRead.countDown();
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("event: status");
            assertThat(lines.readLine()).isEqualTo("data: {\"step\":2}");
        }
        assertThat(seenRequestId).isEqualTo("sse-1");
        assertThat(seenKey).isNull();
    }

    private static HttpServer eventServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                seenRequestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                seenKey = exchange.getRequestHeaders().getFirst("X-API-Key");
                exchange.getResponseHeaders().put("Content-Type", List.of("text/event-stream"));
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("event: status\ndata: {\"step\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (!firstEventRead.await(20, TimeUnit.SECONDS)) {
                        return;
                    }
                    out.write("event: status\ndata: {\"step\":2}\n\n".getBytes(StandardCharsets.UTF_8));
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
