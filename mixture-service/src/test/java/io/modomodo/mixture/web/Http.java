package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny JSON-over-HTTP client for the ITs: the service is called exactly as a CI job would. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    Http(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    JsonNode postOk(String path, String body, int status) {
        HttpResponse<String> response = post(path, body);
        assertThat(response.statusCode()).as("POST %s %s → %s", path, body, response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    JsonNode getOk(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s → %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Asserts a 400 problem+json whose {@code field} names the offending input. */
    JsonNode assertBadRequest(HttpResponse<String> response, String field) {
        return assertProblem(response, 400, field);
    }

    JsonNode assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).startsWith("https://modomodo.io/problems/");
        if (field != null) {
            assertThat(problem.path("field").asString()).as(response.body()).isEqualTo(field);
        }
        return problem;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
