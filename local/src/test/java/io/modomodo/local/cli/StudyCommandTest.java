package io.modomodo.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.modomodo.local.ModomodoCommand;

/**
 * {@code modomodo study} against a scripted gateway on a random port: what it sends, what it prints,
 * the report file and the exit code. The real services' side is proven by the acceptance test
 * ({@code DemoAcceptanceIT}); here the CLI's own logic is, answer by answer.
 */
class StudyCommandTest {

    private static final String STUDY_ID = "7b0c8a84-5a3c-4b37-9d59-0e0d3c4b7a11";
    private static final String EXECUTIONS = "/api/v1/studies/" + STUDY_ID + "/executions";
    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path reports;

    private HttpServer server;
    private final Map<String, Function<HttpExchange, Answer>> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Map<String, String> queries = new ConcurrentHashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private record Answer(int status, String body, Map<String, String> headers) {

        static Answer json(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.add(key);
            if (exchange.getRequestURI().getQuery() != null) {
                queries.put(key, exchange.getRequestURI().getQuery());
            }
            byte[] received = exchange.getRequestBody().readAllBytes();
            if (received.length > 0) {
                bodies.put(key, json.readTree(received));
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.put(key, auth);
            }
            Function<HttpExchange, Answer> route = routes.get(key);
            Answer answer = route != null ? route.apply(exchange)
                    : new Answer(404, "{\"type\":\"https://modomodo.io/problems/not-found\",\"title\":\"Not found\",\"status\":404}",
                            Map.of("Content-Type", "application/problem+json"));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    private String gateway() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private int study(String... extra) {
        String[] args = new String[8 + extra.length];
        System.arraycopy(new String[] { "study", "--gateway", gateway(), "--api-key", "ci-key", "--preset", "smoke",
                "--report-dir=" + reports }, 0, args, 0, 8);
        System.arraycopy(extra, 0, args, 8, extra.length);
        return ModomodoCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(concat(args, "--poll", "10ms"));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** A policy that is missing, then CREATING once, then READY; a study; an execution answering {@code states} in turn. */
    private void script(String... states) {
        AtomicInteger policyReads = new AtomicInteger();
        routes.put("GET /api/v1/policies/smoke-base", exchange -> switch (policyReads.getAndIncrement()) {
            case 0 -> new Answer(404, "{\"status\":404}", Map.of());
            case 1 -> Answer.json(200, "{\"name\":\"smoke-base\",\"status\":\"CREATING\",\"warmStart\":{\"steps\":2},"
                    + "\"warmStartLoss\":[2.5]}");
            default -> Answer.json(200, "{\"name\":\"smoke-base\",\"status\":\"READY\"}");
        });
        routes.put("POST /api/v1/policies", exchange -> Answer.json(202, "{\"name\":\"smoke-base\",\"status\":\"CREATING\"}"));
        routes.put("POST /api/v1/studies", exchange -> Answer.json(201, "{\"id\":\"" + STUDY_ID + "\",\"name\":\"s\","
                + "\"domains\":[\"count\",\"attribute\"],\"bounds\":{},\"createdAt\":\"2026-12-02T09:00:00Z\"}"));
        routes.put("POST " + EXECUTIONS, exchange -> new Answer(202, "{\"id\":\"e1\",\"status\":\"RUNNING\"}",
                Map.of("Location", gateway() + EXECUTIONS + "/e1")));
        AtomicInteger executionReads = new AtomicInteger();
        routes.put("GET " + EXECUTIONS + "/e1", exchange -> Answer.json(200,
                states[Math.min(executionReads.getAndIncrement(), states.length - 1)]));
        routes.put("POST " + EXECUTIONS + "/e1/cancel", exchange -> Answer.json(200, "{\"status\":\"CANCELLED\"}"));
        routes.put("GET /api/v1/studies/" + STUDY_ID + "/report", exchange -> Answer.json(200, """
                {"studyId": "%s", "executionId": "e1", "status": "SUCCEEDED", "objective": "outScore",
                 "surrogate": "quadratic",
                 "pilot": [{"slot": "seed-uniform", "jobId": "j1", "weights": {"count": 0.5, "attribute": 0.5},
                            "inScore": 0.4, "outScore": 0.25, "score": 0.25}],
                 "fits": {}, "proposal": {"weights": {"count": 0.7, "attribute": 0.3}, "predicted": 0.3},
                 "finalRuns": [], "comparisons": [{"against": "uniform", "metric": "outScore", "n": 1,
                   "meanDifference": 0.02, "low": null, "high": null, "differences": [0.02]}]}""".formatted(STUDY_ID)));
        routes.put("GET /api/v1/studies/" + STUDY_ID, exchange -> Answer.json(200, "{\"id\":\"" + STUDY_ID
                + "\",\"name\":\"s\",\"domains\":[\"count\",\"attribute\"],\"bounds\":{}}"));
        routes.put("GET /api/v1/studies/" + STUDY_ID + "/runs", exchange -> Answer.json(200, "{\"runs\":[]}"));
        routes.put("GET /api/v1/jobs", exchange -> Answer.json(200,
                "{\"jobs\":[{\"status\":\"RUNNING\",\"step\":3,\"steps\":8}],\"page\":0,\"size\":5,\"total\":1}"));
    }

    @Test
    void aSucceededExecutionExitsZeroWritesTheReportAndPrintsItsTable() throws IOException {
        script("{\"id\":\"e1\",\"status\":\"RUNNING\",\"phase\":\"pilot\",\"jobs\":{\"planned\":3,\"submitted\":1,"
                + "\"finished\":0,\"running\":1,\"retried\":0},\"etaSeconds\":null}",
                "{\"id\":\"e1\",\"status\":\"SUCCEEDED\",\"phase\":\"done\",\"jobs\":{\"planned\":3,\"submitted\":3,"
                + "\"finished\":3,\"running\":0,\"retried\":0},\"etaSeconds\":0}");

        int code = study("--domains", "count,attribute");

        assertThat(code).as(err.toString()).isZero();
        assertThat(requests).containsSubsequence("GET /api/v1/policies/smoke-base", "POST /api/v1/policies",
                "POST /api/v1/studies", "POST " + EXECUTIONS, "GET " + EXECUTIONS + "/e1",
                "GET /api/v1/studies/" + STUDY_ID + "/report");
        assertThat(requests).doesNotContain("POST " + EXECUTIONS + "/e1/cancel");
        assertThat(authorizations.values()).isNotEmpty().allMatch("Bearer ci-key"::equals);
        assertThat(bodies.get("POST /api/v1/policies").get("name").stringValue()).isEqualTo("smoke-base");
        JsonNode execution = bodies.get("POST " + EXECUTIONS);
        assertThat(execution.get("preset").stringValue()).isEqualTo("smoke");
        assertThat(execution.at("/training/policy/name").stringValue()).isEqualTo("smoke-base");
        assertThat(bodies.get("POST /api/v1/studies").get("domains").toString()).isEqualTo("[\"count\",\"attribute\"]");

        // The running job's step comes from the trainer's list of the execution's jobs.
        assertThat(queries.get("GET /api/v1/jobs")).contains("status=RUNNING", "label=execution=e1");
        assertThat(out.toString()).contains("pilot | job 1 of 3 | step 3/8");

        Path report = reports.resolve(STUDY_ID + ".json");
        Path page = reports.resolve(STUDY_ID + ".html");
        assertThat(json.readTree(Files.readString(report)).at("/pilot/0/outScore").asDouble()).isEqualTo(0.25);
        assertThat(Files.readString(page)).contains("window.MODOMODO_REPORT = ", "seed-uniform");
        assertThat(out.toString()).contains("Result",
                "Proposal (quadratic): count 0.700, attribute 0.300; predicted outScore 0.300",
                "Proposal vs uniform on outScore, paired over 1 seed(s): +0.020; per seed +0.020",
                "weights.count", "0.250", "Report written to " + report + " and " + page, "execution e1 succeeded");
    }

    @Test
    void aFailedExecutionExitsOneAndSaysWhy() {
        script("{\"status\":\"FAILED\",\"phase\":\"pilot\",\"jobs\":{\"planned\":3,\"submitted\":2,\"finished\":1},"
                + "\"error\":\"job 9f2 failed twice: out of memory\"}");

        int code = study();

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("execution e1 failed", "job 9f2 failed twice: out of memory");
    }

    @Test
    void aTimeoutCancelsTheExecutionAndExitsOne() {
        script("{\"status\":\"RUNNING\",\"phase\":\"pilot\",\"jobs\":{\"planned\":3,\"submitted\":1,\"finished\":0}}");
        // A READY policy at once: the timeout then always falls while the execution runs, however slow the machine.
        routes.put("GET /api/v1/policies/smoke-base", exchange -> Answer.json(200,
                "{\"name\":\"smoke-base\",\"status\":\"READY\"}"));

        int code = study("--timeout", "300ms");

        assertThat(code).isEqualTo(1);
        assertThat(requests).contains("POST " + EXECUTIONS + "/e1/cancel");
        assertThat(out.toString()).contains("Cancelled the execution (timed out after 0s)", "timed_out");
    }

    @Test
    void aRefusedRequestIsOneLineWithTheProblemsDetail() {
        script("{}");
        routes.put("POST /api/v1/studies", exchange -> new Answer(400, "{\"type\":\"https://modomodo.io/problems/"
                + "invalid-request\",\"title\":\"Bad request\",\"status\":400,\"detail\":\"domains[1]: unknown domain 'x'\"}",
                Map.of("Content-Type", "application/problem+json")));

        int code = study("--domains", "count,x");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(
                "modomodo: POST /api/v1/studies answered 400 Bad request: domains[1]: unknown domain 'x'");
    }

    @Test
    void aFailedBasePolicyStopsBeforeAnyStudyIsCreated() {
        script("{}");
        routes.put("GET /api/v1/policies/smoke-base", exchange -> Answer.json(200,
                "{\"name\":\"smoke-base\",\"status\":\"FAILED\",\"error\":\"warm start diverged\"}"));

        int code = study();

        assertThat(code).isEqualTo(1);
        assertThat(requests).doesNotContain("POST /api/v1/studies");
        assertThat(err.toString()).contains("base policy smoke-base failed: warm start diverged");
    }
}
