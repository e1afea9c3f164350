package io.modomodo.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/**
 * A service stand-in for gateway tests: answers every request with {@code "<name> <METHOD> <path?query>"}
 * and echoes the headers the gateway sent it as {@code X-Seen-<header without X->} (X-Client-Name comes
 * back as X-Seen-Client-Name), so a test sees what crossed.
 */
final class StubBackend implements AutoCloseable {

    private static final List<String> ECHOED = List.of("X-Request-Id", "X-Client-Name", "X-API-Key", "Authorization");

    private final HttpServer server;

    private StubBackend(HttpServer server) {
        this.server = server;
    }

    static StubBackend start(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                // Read the request body first, as a service does: a proxy streaming it must see it consumed.
                exchange.getRequestBody().readAllBytes();
                byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                        .getBytes(StandardCharsets.UTF_8);
                for (String header : ECHOED) {
                    exchange.getResponseHeaders().add("X-Seen-" + header.replaceFirst("^X-", ""),
                            String.join(",", exchange.getRequestHeaders().getOrDefault(header, List.of())));
                }
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new StubBackend(server);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
