package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.postgres.RealPostgres;
import tools.jackson.databind.JsonNode;

/**
 * Degenerate and hostile inputs through the real server: flat, duplicated, one-hot and collinear
 * runs, extreme score scales, tight bounds, odd seeds and names. Every answer must be a 2xx with
 * finite numbers and feasible weights, or a problem+json naming the field, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class RedTeamApiIT {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private String study(String body) {
        return http.postOk("/api/v1/studies", body, 201).path("id").asString();
    }

    private void run(String studyId, double[] w, double score) {
        StringBuilder weights = new StringBuilder("{");
        String[] names = {"a", "b", "c", "d"};
        for (int i = 0; i < w.length; i++) {
            weights.append(i > 0 ? "," : "").append('"').append(names[i]).append("\":").append(w[i]);
        }
        weights.append('}');
        http.postOk("/api/v1/studies/" + studyId + "/runs",
                "{\"weights\":" + weights + ",\"score\":" + String.format(Locale.ROOT, "%.17g", score) + "}", 201);
    }

    /** Asserts every number in the tree is finite and every weights object sums to 1 within 1e-9. */
    private static void assertSane(JsonNode node) {
        if (node.isNumber()) {
            assertThat(Double.isFinite(node.asDouble())).as(node.toString()).isTrue();
        }
        if (node.isObject() && node.has("weights")) {
            double sum = 0;
            for (JsonNode v : node.path("weights")) {
                assertThat(v.asDouble()).isGreaterThanOrEqualTo(0);
                sum += v.asDouble();
            }
            assertThat(sum).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        }
        node.forEach(RedTeamApiIT::assertSane);
    }

    private JsonNode fitOk(String studyId, String body) {
        HttpResponse<String> response = http.post("/api/v1/studies/" + studyId + "/fits", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode fit = Http.JSON.readTree(response.body());
        assertSane(fit);
        return fit;
    }

    private JsonNode proposeOk(String studyId, String body) {
        HttpResponse<String> response = http.post("/api/v1/studies/" + studyId + "/proposals", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode proposals = Http.JSON.readTree(response.body());
        assertSane(proposals);
        return proposals;
    }

    private static final double[][] THREE = {
        {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}, {1 / 3.0, 1 / 3.0, 1 / 3.0},
        {0.6, 0.2, 0.2}, {0.2, 0.6, 0.2}};

    @Test
    void flatScoresGiveAZeroR2AndFiniteProposalsNotNaN() {
        String id = study("{\"name\":\"flat\",\"domains\":[\"a\",\"b\",\"c\"]}");
        for (double[] w : THREE) {
            run(id, w, 0.5);
        }
        for (String model : List.of("linear", "quadratic")) {
            JsonNode fit = fitOk(id, "{\"model\":\"" + model + "\",\"folds\":3}");
            assertThat(fit.path("cv").path("r2").asDouble()).isZero();
            assertThat(fit.path("cv").path("rmse").asDouble()).isLessThan(1e-9);
            for (String strategy : List.of("best", "explore")) {
                JsonNode p = proposeOk(id, "{\"model\":\"" + model + "\",\"strategy\":\"" + strategy
                        + "\",\"count\":3,\"kappa\":0,\"minDistance\":0}");
                assertThat(p.path("proposals")).hasSize(3);
            }
        }
    }

    @Test
    void extremeAndNegativeScoreScalesFitWithoutNaNOrInfinity() {
        for (double scale : new double[] {1e300, -1e300, 1e-300, -3.5, 1e6}) {
            String id = study("{\"name\":\"scale\",\"domains\":[\"a\",\"b\",\"c\"]}");
            SplittableRandom random = new SplittableRandom(7);
            for (double[] w : THREE) {
                double y = w[0] * w[1] - 0.3 * w[2] + 0.01 * random.nextDouble();
                run(id, w, scale * y);
            }
            fitOk(id, "{\"model\":\"quadratic\",\"folds\":9}");
            fitOk(id, "{\"model\":\"linear\",\"folds\":2}");
            proposeOk(id, "{\"model\":\"quadratic\",\"strategy\":\"best\",\"count\":2}");
            proposeOk(id, "{\"model\":\"linear\",\"strategy\":\"explore\",\"count\":2}");
        }
    }

    @Test
    void duplicatedOneHotAndExactlyEnoughRunsFitWithLeaveOneOut() {
        String oneHot = study("{\"name\":\"one-hot\",\"domains\":[\"a\",\"b\",\"c\"]}");
        for (int r = 0; r < 3; r++) {
            run(oneHot, THREE[r], 0.1 * (r + 1));
        }
        // n = parameters = 3 for the linear model, folds = n (leave-one-out)
        fitOk(oneHot, "{\"model\":\"linear\",\"folds\":3}");
        proposeOk(oneHot, "{\"model\":\"linear\",\"strategy\":\"explore\",\"count\":5}");
        JsonNode tooFew = http.assertBadRequest(http.post("/api/v1/studies/" + oneHot + "/fits",
                "{\"model\":\"quadratic\"}"), "model");
        assertThat(tooFew.path("detail").asString()).contains("6");
        // The same mixture repeated with different outcomes, then collinear runs along one edge.
        String dup = study("{\"name\":\"dup\",\"domains\":[\"a\",\"b\",\"c\"]}");
        for (int r = 0; r < 8; r++) {
            run(dup, new double[] {0.2, 0.3, 0.5}, 0.4 + 0.01 * r);
        }
        fitOk(dup, "{\"model\":\"quadratic\",\"folds\":8}");
        proposeOk(dup, "{\"model\":\"quadratic\",\"strategy\":\"best\",\"count\":3}");
        proposeOk(dup, "{\"model\":\"quadratic\",\"strategy\":\"explore\",\"count\":3}");
        String edge = study("{\"name\":\"edge\",\"domains\":[\"a\",\"b\",\"c\"]}");
        for (int r = 0; r <= 7; r++) {
            run(edge, new double[] {r / 7.0, 1 - r / 7.0, 0}, r * (7 - r) / 12.0);
        }
        fitOk(edge, "{\"model\":\"quadratic\",\"folds\":8}");
        proposeOk(edge, "{\"model\":\"quadratic\",\"strategy\":\"best\",\"count\":2}");
    }

    @Test
    void exploreWhenEveryPointWithinMinDistanceIsTakenStillAnswers() {
        String id = study("{\"name\":\"crowded\",\"domains\":[\"a\",\"b\"],\"bounds\":{\"a\":{\"min\":0.4,\"max\":0.6}}}");
        for (int r = 0; r <= 10; r++) {
            run(id, new double[] {0.4 + 0.02 * r, 0.6 - 0.02 * r}, Math.sin(r));
        }
        JsonNode p = proposeOk(id, "{\"model\":\"quadratic\",\"strategy\":\"explore\",\"count\":4,\"minDistance\":1.4}");
        for (JsonNode proposal : p.path("proposals")) {
            double a = proposal.path("weights").path("a").asDouble();
            assertThat(a).isBetween(0.4, 0.6);
        }
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/proposals",
                "{\"strategy\":\"explore\",\"minDistance\":1.5}"), "minDistance");
    }

    @Test
    void designsHonourTightBoundsAndOddSeedsDeterministically() {
        String fixed = study("{\"name\":\"fixed\",\"domains\":[\"a\",\"b\",\"c\"],"
                + "\"bounds\":{\"a\":{\"min\":0.5,\"max\":0.5},\"b\":{\"min\":0.1}}}");
        String exact = study("{\"name\":\"exact\",\"domains\":[\"a\",\"b\",\"c\"],"
                + "\"bounds\":{\"a\":{\"min\":0.2},\"b\":{\"min\":0.3},\"c\":{\"min\":0.5}}}");
        String capped = study("{\"name\":\"capped\",\"domains\":[\"a\",\"b\",\"c\"],"
                + "\"bounds\":{\"a\":{\"max\":0.2},\"b\":{\"max\":0.3},\"c\":{\"max\":0.5}}}");
        for (String id : List.of(fixed, exact, capped)) {
            for (String strategy : List.of("seeds", "dirichlet", "space-filling")) {
                for (String extra : List.of("\"seed\":-1,\"alpha\":0.001", "\"seed\":9223372036854775807,\"alpha\":1000",
                        "\"seed\":-9223372036854775808,\"alpha\":1.7976931348623157E308")) {
                    String body = "{\"strategy\":\"" + strategy + "\",\"count\":30," + extra + "}";
                    HttpResponse<String> first = http.post("/api/v1/studies/" + id + "/designs", body);
                    assertThat(first.statusCode()).as(strategy + " " + first.body()).isEqualTo(200);
                    JsonNode design = Http.JSON.readTree(first.body());
                    assertSane(design);
                    assertThat(design.path("mixtures").size()).isBetween(1, 30);
                    for (JsonNode mixture : design.path("mixtures")) {
                        JsonNode w = mixture.path("weights");
                        if (id.equals(fixed)) {
                            assertThat(w.path("a").asDouble()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
                            assertThat(w.path("b").asDouble()).isGreaterThanOrEqualTo(0.1 - 1e-12);
                        }
                        if (id.equals(exact)) {
                            assertThat(w.path("c").asDouble()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
                        }
                        if (id.equals(capped)) {
                            assertThat(w.path("a").asDouble()).isLessThanOrEqualTo(0.2 + 1e-12);
                            assertThat(w.path("c").asDouble()).isLessThanOrEqualTo(0.5 + 1e-12);
                        }
                    }
                    assertThat(http.post("/api/v1/studies/" + id + "/designs", body).body()).isEqualTo(first.body());
                }
            }
        }
    }

    @Test
    void oddNamesTypeMismatchesAndUnknownFieldsAreHandled() {
        String longName = "d".repeat(300);
        HttpResponse<String> created = http.post("/api/v1/studies",
                "{\"name\":\"odd\",\"domains\":[\"" + longName + "\",\"数学\",\"Count\",\"count\"]}");
        assertThat(created.statusCode()).as(created.body()).isIn(201, 400);
        if (created.statusCode() == 201) {
            String id = Http.JSON.readTree(created.body()).path("id").asString();
            JsonNode study = http.getOk("/api/v1/studies/" + id);
            assertThat(study.path("domains").get(1).asString()).isEqualTo("数学");
            http.postOk("/api/v1/studies/" + id + "/runs", "{\"weights\":{\"" + longName
                    + "\":0.25,\"数学\":0.25,\"Count\":0.25,\"count\":0.25},\"score\":1}", 201);
            http.assertBadRequest(http.post("/api/v1/studies/" + id + "/runs",
                    "{\"weights\":{\"" + longName + "\":0.25,\"数学\":0.25,\"COUNT\":0.25,\"count\":0.25},\"score\":1}"),
                    "weights");
        }
        else {
            assertThat(http.assertBadRequest(created, null).path("field").asString()).startsWith("domains");
        }
        String id = study("{\"name\":\"types\",\"domains\":[\"a\",\"b\"]}");
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/designs",
                "{\"strategy\":\"seeds\",\"count\":\"many\"}"), "count");
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/fits", "{\"model\":\"linear\",\"folds\":\"two\"}"),
                "folds");
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/runs",
                "{\"weights\":{\"a\":\"x\",\"b\":0.5},\"score\":1}"), "weights.a");
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/runs",
                "{\"weights\":{\"a\":0.5,\"b\":0.5},\"score\":NaN}"), "score");
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/designs", "{\"strategy\":\"seeds\",\"seed\":1e40}"),
                "seed");
        HttpResponse<String> unknown = http.post("/api/v1/studies/" + id + "/designs",
                "{\"strategy\":\"seeds\",\"count\":2,\"colour\":\"blue\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isIn(200, 400);
        http.assertProblem(http.post("/api/v1/studies/" + id + "/designs", "[1,2]"), 400, null);
        http.assertProblem(http.post("/api/v1/studies/" + id + "/designs", ""), 400, null);
    }

    @Test
    void nulCharactersAreRefusedNamingTheFieldNotStoredAsA500() {
        http.assertBadRequest(http.post("/api/v1/studies", "{\"name\":\"a\\u0000b\",\"domains\":[\"a\",\"b\"]}"),
                "name");
        assertThat(http.assertBadRequest(http.post("/api/v1/studies",
                "{\"name\":\"n\",\"domains\":[\"a\\u0000\",\"b\"]}"), null).path("field").asString())
                .startsWith("domains");
        String id = study("{\"name\":\"nul\",\"domains\":[\"a\",\"b\"]}");
        http.assertBadRequest(http.post("/api/v1/studies/" + id + "/runs",
                "{\"weights\":{\"a\":0.5,\"b\":0.5},\"score\":1,\"externalId\":\"ci\\u0000\"}"), "externalId");
        assertThat(http.assertBadRequest(http.post("/api/v1/studies/" + id + "/runs",
                "{\"weights\":{\"a\":0.5,\"b\":0.5},\"scores\":{\"m\\u0000\":1}}"), null).path("field").asString())
                .startsWith("scores");
        assertThat(http.getOk("/api/v1/studies/" + id + "/runs").path("total").asLong()).isZero();
    }

    @Test
    void proposalsHonourAFixedDomainAndMaximumsSummingToOne() {
        // a is fixed at 0.3 and the maximums sum to exactly 1, so (0.3, 0.3, 0.4) is the only feasible
        // mixture: every proposal must be it, whatever the surrogate says. Runs may lie outside the bounds.
        String only = study("{\"name\":\"only\",\"domains\":[\"a\",\"b\",\"c\"],"
                + "\"bounds\":{\"a\":{\"min\":0.3,\"max\":0.3},\"b\":{\"max\":0.3},\"c\":{\"max\":0.4}}}");
        String fixed = study("{\"name\":\"fixed-a\",\"domains\":[\"a\",\"b\",\"c\"],"
                + "\"bounds\":{\"a\":{\"min\":0.3,\"max\":0.3},\"c\":{\"min\":0.1}}}");
        for (String id : List.of(only, fixed)) {
            for (double[] w : THREE) {
                run(id, w, w[0] * w[1] + w[2] - 2 * w[1] * w[1]);
            }
            for (String strategy : List.of("best", "explore")) {
                JsonNode p = proposeOk(id, "{\"model\":\"quadratic\",\"strategy\":\"" + strategy + "\",\"count\":3}");
                for (JsonNode proposal : p.path("proposals")) {
                    JsonNode w = proposal.path("weights");
                    assertThat(w.path("a").asDouble()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
                    assertThat(w.path("c").asDouble()).isGreaterThanOrEqualTo(0.1 - 1e-12);
                    if (id.equals(only)) {
                        assertThat(w.path("b").asDouble()).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12));
                        assertThat(w.path("c").asDouble()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void paginationBeyondTheEndIsEmptyWithTheTotal() {
        String id = study("{\"name\":\"pages\",\"domains\":[\"a\",\"b\"]}");
        run(id, new double[] {0.5, 0.5}, 1);
        run(id, new double[] {0.25, 0.75}, 2);
        JsonNode page = http.getOk("/api/v1/studies/" + id + "/runs?page=5&size=2");
        assertThat(page.path("runs")).isEmpty();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        http.assertBadRequest(http.get("/api/v1/studies/" + id + "/runs?page=abc"), "page");
        JsonNode huge = http.getOk("/api/v1/studies/" + id + "/runs?page=2147483647&size=500");
        assertThat(huge.path("runs")).isEmpty();
    }

    @Test
    void largeStudiesAreAnsweredOrRefusedWithALimitQuickly() {
        StringBuilder domains = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            domains.append(i > 0 ? "," : "").append("\"d").append(i).append('"');
        }
        String id = study("{\"name\":\"wide\",\"domains\":[" + domains + "]}");
        long start = System.nanoTime();
        HttpResponse<String> design = http.post("/api/v1/studies/" + id + "/designs",
                "{\"strategy\":\"space-filling\",\"count\":1000,\"seed\":3}");
        assertThat(design.statusCode()).as(design.body()).isIn(200, 413);
        http.assertProblem(http.post("/api/v1/studies/" + id + "/fits", "{\"model\":\"quadratic\"}"), 413, "model");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
        // 33 domains: 561 quadratic parameters; leave-one-out over 600 runs would take minutes.
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            names.append(i > 0 ? "," : "").append("\"e").append(i).append('"');
        }
        String big = study("{\"name\":\"big\",\"domains\":[" + names + "]}");
        JsonNode limit = http.assertProblem(http.post("/api/v1/studies/" + big + "/fits",
                "{\"model\":\"quadratic\",\"folds\":600}"), 413, "folds");
        assertThat(limit.path("detail").asString()).contains("22");
    }

    @Test
    void proposalsAndFitsWhileRunsArePostedNeverFail() throws Exception {
        String id = study("{\"name\":\"busy\",\"domains\":[\"a\",\"b\",\"c\"]}");
        for (double[] w : THREE) {
            run(id, w, w[0] - w[1] * w[2]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 24; t++) {
                int task = t;
                results.add(pool.submit(() -> switch (task % 3) {
                    case 0 -> http.post("/api/v1/studies/" + id + "/runs", "{\"weights\":{\"a\":0.1,\"b\":0.2,\"c\":0.7},"
                            + "\"score\":" + task % 6 + ",\"externalId\":\"x" + task % 6 + "\"}").statusCode();
                    case 1 -> http.post("/api/v1/studies/" + id + "/fits", "{\"model\":\"quadratic\"}").statusCode();
                    default -> http.post("/api/v1/studies/" + id + "/proposals", "{\"strategy\":\"explore\",\"count\":2}")
                            .statusCode();
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isIn(200, 201);
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(http.getOk("/api/v1/studies/" + id + "/runs").path("total").asLong()).isEqualTo(THREE.length + 2);
    }
}
