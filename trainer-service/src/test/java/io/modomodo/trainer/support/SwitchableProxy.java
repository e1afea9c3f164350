package io.modomodo.trainer.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Forwards HTTP to a real service on a fixed port, and can be taken down (the port then refuses connections, as
 * when the service's pod is gone) and brought back up.
 */
public final class SwitchableProxy implements AutoCloseable {

    private final int port;
    private final String target;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private HttpServer server;

    public SwitchableProxy(String target) {
        this.port = ServiceProcess.freePort();
        this.target = target;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                            exchange.getRequestBody().readAllBytes()));
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add(
                    "Content-Type", t));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1
                    : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        }
        finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        down();
    }
}
