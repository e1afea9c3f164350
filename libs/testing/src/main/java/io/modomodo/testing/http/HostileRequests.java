package io.modomodo.testing.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One hostile-input suite for every service and the gateway, through HTTP as any caller would send
 * it: empty and non-JSON bodies, wrong types and nulls in every field, huge numbers, deep nesting,
 * huge collections, invalid UTF-8, oversize bodies (declared and chunked), bad query parameters and
 * raw request lines. Every answer must be
 * <ul>
 * <li>below 500 (a 503 only where {@link #allowing503} says the dependency behind is down),</li>
 * <li>free of class, package and method names, exception names and stack frames,</li>
 * <li>an {@code application/problem+json} problem with a platform {@code type} when it is an error,</li>
 * <li>413 {@code limit-exceeded} with {@code limit} equal to the body limit for every oversize body.</li>
 * </ul>
 * A service's IT lists its operations with a valid body each and calls {@link #assertSafe}.
 */
public final class HostileRequests {

    /** Text that shows a service's insides; mirrors what the shared problem handler refuses to send. */
    public static final Pattern INTERNALS = Pattern.compile(String.join("|",
            "\\b(?:java|javax|jakarta|org\\.springframework|org\\.apache|org\\.hibernate|tools\\.jackson|com\\.fasterxml"
                    + "|io\\.modomodo|com\\.zaxxer|org\\.postgresql)\\.[A-Za-z]",
            "\\b[A-Z][A-Za-z0-9]*(?:Exception|Error)\\b",
            "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)",
            "StreamReadConstraints", "ResponseEntity<", "No static resource", "\\bpublic [\\w.<>]+ [\\w.]+\\("));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One operation and a body it accepts (null for operations without a body). */
    public record Operation(String method, String path, String validBody) {

        public static Operation get(String path) {
            return new Operation("GET", path, null);
        }

        public static Operation post(String path, String validBody) {
            return new Operation("POST", path, validBody);
        }
    }

    private final String host;
    private final int port;
    private final long maxBodyBytes;
    private final Map<String, String> headers;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean allow503;
    private int sent;

    private HostileRequests(String host, int port, long maxBodyBytes, Map<String, String> headers) {
        this.host = host;
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
        this.headers = headers;
    }

    /**
     * @param port where the service (or gateway) listens on localhost
     * @param maxBodyBytes its body limit: every larger body must be a 413 naming exactly this limit
     * @param headers sent with every request (an API key at the gateway)
     */
    public static HostileRequests against(int port, long maxBodyBytes, Map<String, String> headers) {
        return new HostileRequests("localhost", port, maxBodyBytes, headers);
    }

    /** Lets a 503 {@code service-unavailable} pass (the gateway in front of a service that is not running). */
    public HostileRequests allowing503() {
        this.allow503 = true;
        return this;
    }

    /** How many requests the suite has sent so far, for a test to show it did something. */
    public int sent() {
        return sent;
    }

    /** Sends the whole suite at every operation; fails at the first answer that breaks a rule. */
    public void assertSafe(List<Operation> operations) {
        for (Operation operation : operations) {
            if (operation.validBody() == null) {
                assertQueryAttacks(operation);
            }
            else {
                assertBodyAttacks(operation);
            }
        }
        assertRawRequests();
        assertThat(send("GET", "/api/v1/no-such-resource", null, null).statusCode()).isEqualTo(404);
    }

    private void assertBodyAttacks(Operation op) {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("", " ", "null", "[]", "{}", "\"text\"", "0", "true", "{", "}", "{\"a\":",
                "{\"a\": 1,}", "{'a': 1}", "{\"a\": NaN}", "{\"a\": 1e400}", "{\"a\": -1e400}",
                "{\"a\": " + "9".repeat(1500) + "}", "{\"a\": \"\\ud800\"}", "{\"a\": \"\u0000\"}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                op.validBody() + "garbage", op.validBody().replace("{", "[").replace("}", "]"))) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, '{', '}'});
        bodies.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        bodies.add(latin1(op.validBody()));
        for (byte[] body : bodies) {
            assertAcceptable(op, body, "application/json");
        }
        assertAcceptable(op, op.validBody().getBytes(StandardCharsets.UTF_8), "text/plain");
        assertAcceptable(op, op.validBody().getBytes(StandardCharsets.UTF_8), "application/json; charset=nonsense");
        assertAcceptable(op, op.validBody().getBytes(StandardCharsets.UTF_8), null);

        JsonNode valid = JSON.readTree(op.validBody());
        for (String body : mutations(valid)) {
            assertAcceptable(op, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
        for (String body : hugeCollections(valid)) {
            assertAcceptable(op, body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
        assertOversize(op, valid);
    }

    /** Every field of the valid body replaced by a value of every other kind, and removed. */
    private static List<String> mutations(JsonNode valid) {
        List<String> out = new ArrayList<>();
        List<JsonNode> replacements = List.of(NODES.nullNode(), NODES.stringNode("x"), NODES.stringNode(""),
                NODES.numberNode(-1), NODES.numberNode(0), NODES.numberNode(1e308), NODES.numberNode(-1e308),
                NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(new java.math.BigInteger("9".repeat(40))),
                NODES.numberNode(new java.math.BigDecimal("1e-400")), NODES.booleanNode(true), NODES.arrayNode(),
                NODES.objectNode(), NODES.arrayNode().add(NODES.nullNode()),
                NODES.objectNode().set("", NODES.nullNode()));
        mutate(valid, valid, replacements, out, 0);
        return out;
    }

    private static void mutate(JsonNode root, JsonNode node, List<JsonNode> replacements, List<String> out, int depth) {
        if (depth > 3) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                JsonNode original = object.get(name);
                for (JsonNode replacement : replacements) {
                    object.set(name, replacement);
                    out.add(root.toString());
                }
                object.remove(name);
                out.add(root.toString());
                object.set(name, original);
                mutate(root, original, replacements, out, depth + 1);
            }
        }
        else if (node instanceof ArrayNode array && !array.isEmpty()) {
            JsonNode original = array.get(0);
            for (JsonNode replacement : replacements) {
                array.set(0, replacement);
                out.add(root.toString());
            }
            array.set(0, original);
            mutate(root, original, replacements, out, depth + 1);
        }
    }

    /**
     * Each array and object of the valid body grown to most of the body limit (at most 200,000
     * entries): what a service bounds besides the body, it must refuse with a 4xx, not a 5xx or a hang.
     */
    private List<String> hugeCollections(JsonNode valid) {
        List<String> out = new ArrayList<>();
        grow(valid, valid, out, 0);
        return out;
    }

    private void grow(JsonNode root, JsonNode node, List<String> out, int depth) {
        if (depth > 3) {
            return;
        }
        long budget = Math.min(maxBodyBytes * 8 / 10, 8L * 1024 * 1024);
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                JsonNode original = object.get(name);
                if (original instanceof ArrayNode array && !array.isEmpty()) {
                    JsonNode element = array.get(0);
                    int copies = (int) Math.min(200_000, budget / Math.max(1, element.toString().length() + 1));
                    ArrayNode big = NODES.arrayNode();
                    for (int i = 0; i < copies; i++) {
                        big.add(element instanceof ObjectNode o && o.has("id") ? o.deepCopy().put("id", "i" + i) : element);
                    }
                    object.set(name, big);
                    out.add(root.toString());
                    object.set(name, original);
                }
                else if (original instanceof ObjectNode map && !map.isEmpty()) {
                    JsonNode value = map.properties().iterator().next().getValue();
                    int copies = (int) Math.min(200_000, budget / Math.max(1, value.toString().length() + 12));
                    ObjectNode big = map.deepCopy();
                    for (int i = 0; i < copies; i++) {
                        big.set("k" + i, value);
                    }
                    object.set(name, big);
                    out.add(root.toString());
                    object.set(name, original);
                }
                grow(root, original, out, depth + 1);
            }
        }
    }

    /** Bodies one byte over the limit, declared and chunked, and far over it: 413 naming the limit. */
    private void assertOversize(Operation op, JsonNode valid) {
        String prefix = "{\"pad\": \"";
        String suffix = "\"}";
        int padding = (int) Math.min(Integer.MAX_VALUE - 64, maxBodyBytes + 1 - prefix.length() - suffix.length());
        byte[] justOver = (prefix + "x".repeat(Math.max(0, padding)) + suffix).getBytes(StandardCharsets.UTF_8);
        assertThat(justOver.length).isEqualTo(maxBodyBytes + 1);
        assertTooLarge(op, send(op.method(), op.path(), justOver, "application/json"));
        assertTooLarge(op, sendChunked(op.method(), op.path(), justOver));
        if (valid instanceof ObjectNode object) {
            ObjectNode padded = object.deepCopy();
            padded.put("zzPadding", "y".repeat((int) Math.min(Integer.MAX_VALUE - 64, maxBodyBytes)));
            byte[] body = padded.toString().getBytes(StandardCharsets.UTF_8);
            assertTooLarge(op, send(op.method(), op.path(), body, "application/json"));
            assertTooLarge(op, sendChunked(op.method(), op.path(), body));
        }
    }

    private void assertTooLarge(Operation op, HttpResponse<String> response) {
        assertSafeAnswer(op.method() + " " + op.path() + " (oversize)", response);
        assertThat(response.statusCode()).as("%s %s oversize → %s", op.method(), op.path(), response.body())
                .isEqualTo(413);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://modomodo.io/problems/limit-exceeded");
        assertThat(problem.path("limit").asLong()).as(response.body()).isEqualTo(maxBodyBytes);
        assertThat(problem.path("detail").asString()).contains(Long.toString(maxBodyBytes));
    }

    private void assertQueryAttacks(Operation op) {
        String path = op.path();
        String joiner = path.contains("?") ? "&" : "?";
        for (String query : List.of("page=abc", "page=-1", "page=99999999999", "page=2147483647&size=500",
                "size=0", "size=-5", "size=1e3", "size=99999999999999999999", "page=%00", "page=%FF%FE",
                "page=1&page=2", "size=&page=")) {
            assertAcceptable(new Operation("GET", path + joiner + query, null), null, null);
        }
        for (String suffix : List.of("/%00", "/..%2F..%2Fetc%2Fpasswd", "/" + "a".repeat(5000), "/%E2%82",
                "/null", "/-1", "/00000000-0000-0000-0000-000000000000", "/%7B%7D")) {
            assertAcceptable(new Operation("GET", path + suffix, null), null, null);
        }
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            assertAcceptable(new Operation(method, path, "{}"), "{}".getBytes(StandardCharsets.UTF_8),
                    "application/json");
        }
    }

    /** Requests no HTTP client library would send: the server itself must answer without internals. */
    private void assertRawRequests() {
        for (byte[] request : List.of(
                raw("GET /api/v1/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                raw("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                raw("GET /api/v1/studies?page=%zz&%zz=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                raw("GET /api/v1/a b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                raw("GET /api/v1/studies HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000)
                        + "\r\nConnection: close\r\n\r\n"),
                raw("POST /api/v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n"),
                raw("POST /api/v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n"
                        + "Connection: close\r\n\r\n"),
                raw("NOPE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))) {
            String answer = rawExchange(request);
            sent++;
            if (!answer.isEmpty()) {
                int status = Integer.parseInt(answer.substring(9, 12));
                assertThat(status).as(answer).isLessThan(500);
                assertThat(INTERNALS.matcher(answer).find()).as("internals in %s", answer).isFalse();
            }
        }
    }

    private void assertAcceptable(Operation op, byte[] body, String contentType) {
        HttpResponse<String> response = send(op.method(), op.path(), body, contentType);
        assertSafeAnswer(op.method() + " " + op.path() + " " + preview(body) + " [" + contentType + "]", response);
        if (op.validBody() != null && body != null && body.length > maxBodyBytes) {
            assertThat(response.statusCode()).isEqualTo(413);
        }
    }

    private void assertSafeAnswer(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        boolean tolerated503 = allow503 && status == 503 && body.contains("/service-unavailable");
        assertThat(status < 500 || tolerated503).as("%s → %d %s", what, status, preview(body)).isTrue();
        assertThat(INTERNALS.matcher(body).find()).as("%s → %d names internals: %s", what, status, preview(body))
                .isFalse();
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as("%s → %d %s", what, status,
                    preview(body)).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("type").asString()).as(body).startsWith("https://modomodo.io/problems/");
            assertThat(problem.path("status").asInt()).isEqualTo(status);
        }
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request);
    }

    /** The same body without a Content-Length: the server only learns its size by reading it. */
    private HttpResponse<String> sendChunked(String method, String path, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        headers.forEach(request::header);
        sent++;
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new AssertionError("no answer from " + request.build().uri() + ": " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + host + ":" + port + path);
    }

    private String rawExchange(byte[] request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        catch (IOException ex) {
            // A server may drop a request line it cannot parse: no answer leaks nothing.
            return "";
        }
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] latin1(String text) {
        return text.replace("a", "\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String preview(byte[] body) {
        return body == null ? "" : preview(new String(body, StandardCharsets.UTF_8));
    }

    private static String preview(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "… (" + text.length() + " chars)" : text;
    }
}
