package io.modomodo.reward.web;

import static io.modomodo.reward.web.ScoreEndpointIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The body limit, set low here so the test stays fast: declared lengths are refused before reading,
 * streamed (chunked) bodies when they cross the limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "modomodo.reward.limits.max-body-bytes=100000")
class BodyLimitIT {

    @LocalServerPort
    int port;

    @Test
    void refusesADeclaredLengthOverTheLimitWithoutReadingTheBody() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/rewards/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 40000000\r\n\r\n{\"items\": [").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The server answers at once; it may keep the connection open, so read the answer, not to EOF.
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (!received.toString().endsWith("}")) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String response = received.toString();
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("application/problem+json").contains("\"limit\":100000")
                    .contains("\"field\":\"body\"");
        }
    }

    @Test
    void refusesAStreamedBodyThatCrossesTheLimit() {
        byte[] body = ("{\"items\": [], \"pad\": \"" + "x".repeat(150_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rewards/score"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = Http.send(request);
        assertProblem(response, 413, "body");
    }

    @Test
    void acceptsABodyUnderTheLimit() {
        String body = "{\"items\": [], \"pad\": \"" + "x".repeat(90_000) + "\"}";
        assertThat(Http.post(port, "/api/v1/rewards/score", body).statusCode()).isEqualTo(200);
    }
}
