package io.modomodo.local.study;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.modomodo.api.client.MixtureClient;
import io.modomodo.api.client.ServiceClients;

/**
 * The platform's API through its gateway, with the caller's API key on every request. Executions and
 * reports are read as JSON trees, so the CLI keeps working when the mixture-service adds fields.
 */
public final class GatewayApi {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final String baseUrl;
    private final RestClient client;

    /** A client of the gateway at {@code baseUrl}; {@code apiKey} may be null for an open gateway. */
    public GatewayApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofSeconds(60));
        RestClient.Builder builder = RestClient.builder().baseUrl(this.baseUrl).requestFactory(factory)
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE + ", application/problem+json");
        if (apiKey != null && !apiKey.isBlank()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
        }
        this.client = builder.build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The study API (create a study) over the same connection and key. */
    public MixtureClient mixture() {
        return ServiceClients.create(MixtureClient.class, client);
    }

    /** {@code GET path} as JSON; empty on 404. */
    public Optional<JsonNode> get(String path) {
        try {
            return Optional.ofNullable(call("GET", path, () -> client.get().uri(path).retrieve().body(JsonNode.class)));
        }
        catch (ApiException ex) {
            if (ex.status() == 404) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /** {@code POST path} with a JSON body; the whole response (status, {@code Location}, JSON body). */
    public ResponseEntity<JsonNode> post(String path, Object body) {
        return call("POST", path, () -> client.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(body == null ? "{}" : body).retrieve().toEntity(JsonNode.class));
    }

    /** Runs a call, turning failures into an {@link ApiException} that says what was called and why it failed. */
    <T> T call(String method, String path, Supplier<T> call) {
        try {
            return call.get();
        }
        catch (RestClientResponseException ex) {
            throw new ApiException(method + " " + path + " answered " + describe(ex.getStatusCode(),
                    ex.getResponseBodyAsString()), ex.getStatusCode().value(), ex);
        }
        catch (ResourceAccessException ex) {
            throw new ApiException("cannot reach " + baseUrl + " (" + method + " " + path + "): "
                    + rootMessage(ex), 0, ex);
        }
    }

    /** {@code 400 Bad request: <detail>} from a problem+json body, or the status alone. */
    static String describe(HttpStatusCode status, String body) {
        StringBuilder text = new StringBuilder().append(status.value());
        try {
            JsonNode problem = json.readTree(body);
            Json.text(problem, "title").ifPresent(title -> text.append(' ').append(title));
            Json.text(problem, "detail").ifPresent(detail -> text.append(": ").append(detail));
        }
        catch (RuntimeException ex) {
            // Not JSON (a proxy's HTML page, an empty body): the status says enough.
        }
        return text.toString();
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** The last path segment of a {@code Location} header: the id of what was created. */
    static Optional<String> idFromLocation(URI location) {
        if (location == null) {
            return Optional.empty();
        }
        String path = location.getPath().replaceAll("/+$", "");
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? Optional.of(path.substring(slash + 1)) : Optional.empty();
    }
}
