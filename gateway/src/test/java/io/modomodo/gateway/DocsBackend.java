package io.modomodo.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A service stand-in that serves an OpenAPI document at {@code /v3/api-docs} with one operation
 * ({@code GET <path>}) documented as the services document theirs, and answers that operation.
 */
final class DocsBackend implements AutoCloseable {

    private final HttpServer server;

    private DocsBackend(HttpServer server) {
        this.server = server;
    }

    static DocsBackend start(String title, String path, String schema) {
        String document = """
                {"openapi": "3.1.0", "info": {"title": "%s", "version": "v1", "description": "%s does its job"},
                 "paths": {"%s": {"get": {"operationId": "list", "summary": "List", "responses": {
                   "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/%s"}}}},
                   "500": {"description": "Internal", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
                  "/v3/api-docs": {"get": {"operationId": "docs", "responses": {"200": {"description": "OK"}}}}},
                 "components": {"schemas": {"%s": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                   "Problem": {"type": "object", "properties": {"type": {"type": "string"}}}}}}
                """.formatted(title, title, path, schema, schema);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> {
                boolean docs = exchange.getRequestURI().getPath().equals("/v3/api-docs");
                byte[] body = (docs ? document : "{\"id\": \"x\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new DocsBackend(server);
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
