package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.modomodo.mixtures.optimize.SimplexOptimizer;
import io.modomodo.mixtures.simplex.Bounds;
import io.modomodo.mixtures.simplex.Vectors;
import io.modomodo.mixtures.surrogate.QuadraticForm;
import io.modomodo.testing.postgres.RealPostgres;
import tools.jackson.databind.JsonNode;

/**
 * Fits and proposals through the real server, on synthetic landscapes whose optimum is known: the
 * study is run exactly as a CI user would run it (designs from the service, outcomes posted back).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class SurrogateApiIT {

    private static final List<String> DOMAINS = List.of("count", "ground", "attribute", "spatial", "arith");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    /** f(w) = 0.6 − (w − p)ᵀA(w − p): peak p inside the simplex, A positive definite with interactions. */
    static QuadraticForm bowl() {
        double[] p = {0.35, 0.25, 0.2, 0.15, 0.05};
        double[][] a = {
            {2.0, 0.6, 0.0, -0.3, 0.2},
            {0.6, 1.5, 0.4, 0.0, 0.0},
            {0.0, 0.4, 2.5, 0.5, -0.4},
            {-0.3, 0.0, 0.5, 1.8, 0.3},
            {0.2, 0.0, -0.4, 0.3, 2.2}};
        double[] b = new double[5];
        double[][] c = new double[5][5];
        double pap = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                b[i] += 2 * a[i][j] * p[j];
                c[i][j] = -a[i][j];
                pap += p[i] * a[i][j] * p[j];
            }
        }
        return new QuadraticForm(0.6 - pap, b, c);
    }

    @Test
    void proposesAMixtureWithinTenPercentOfTheGapFromThirtyDesignedRuns() {
        // The bound on count cuts the peak off: the true optimum lies on the bound.
        String studyId = http.postOk("/api/v1/studies", """
                {"name": "landscape", "domains": ["count", "ground", "attribute", "spatial", "arith"],
                 "bounds": {"count": {"max": 0.3}}}""", 201).path("id").asString();
        QuadraticForm truth = bowl();
        Bounds bounds = Bounds.of(new double[5], new double[] {0.3, 1, 1, 1, 1});
        double optimum = SimplexOptimizer.exact(truth, bounds).value();
        double uniform = truth.value(new double[] {0.2, 0.2, 0.2, 0.2, 0.2});
        double gap = optimum - uniform;
        assertThat(gap).isGreaterThan(0.05);

        SplittableRandom noise = new SplittableRandom(42);
        String base = "/api/v1/studies/" + studyId;
        postDesign(base, "{\"strategy\": \"seeds\", \"count\": 30}", truth, noise, 0.005);
        int posted = http.getOk(base + "/runs").path("total").asInt();
        postDesign(base, "{\"strategy\": \"space-filling\", \"count\": " + (30 - posted) + ", \"seed\": 3}", truth,
                noise, 0.005);
        assertThat(http.getOk(base + "/runs").path("total").asInt()).isEqualTo(30);

        JsonNode response = http.postOk(base + "/proposals",
                "{\"model\": \"quadratic\", \"strategy\": \"best\", \"count\": 1}", 201);
        JsonNode proposal = response.path("proposals").get(0);
        double[] w = weights(proposal.path("weights"));
        assertThat(Vectors.sum(w)).isCloseTo(1.0, within(1e-9));
        assertThat(w[0]).isLessThanOrEqualTo(0.3 + 1e-9);
        assertThat(truth.value(w)).as("true value of the proposed mixture").isGreaterThanOrEqualTo(optimum - 0.1 * gap);
        assertThat(proposal.path("predicted").asDouble()).isCloseTo(truth.value(w), within(0.3 * gap));
        assertThat(proposal.path("spread").asDouble()).isGreaterThanOrEqualTo(0);

        // Traceable: the stored proposal set points at its fit and at all 30 runs.
        String id = response.path("id").asString();
        List<String> runIds = new ArrayList<>();
        http.getOk(base + "/runs?size=50").path("runs").forEach(r -> runIds.add(r.path("id").asString()));
        JsonNode stored = http.getOk(base + "/proposals/" + id);
        assertThat(stored.path("proposals")).isEqualTo(response.path("proposals"));
        assertThat(stored.path("strategy").asString()).isEqualTo("best");
        List<String> evidence = new ArrayList<>();
        stored.path("runIds").forEach(r -> evidence.add(r.asString()));
        assertThat(evidence).isEqualTo(runIds);
        JsonNode fit = http.getOk(base + "/fits/" + response.path("fitId").asString());
        assertThat(fit.path("n").asInt()).isEqualTo(30);
        assertThat(fit.path("runIds").size()).isEqualTo(30);
        http.assertProblem(http.get(base + "/proposals/00000000-0000-0000-0000-000000000000"), 404, null);
        http.assertProblem(http.get(base + "/fits/nope"), 404, null);
        assertThat(jdbc.queryForObject("SELECT jsonb_array_length(run_ids) FROM proposal WHERE id = ?::uuid",
                Integer.class, id)).isEqualTo(30);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fit WHERE id = ?::uuid AND n = 30", Integer.class,
                response.path("fitId").asString())).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM proposal p, jsonb_array_elements_text(p.run_ids) r(id)
                JOIN run ON run.id = r.id::uuid WHERE p.id = ?::uuid AND run.study_id = p.study_id""",
                Integer.class, id)).isEqualTo(30);
    }

    @Test
    void linearModelFitsFarWorseThanQuadraticOnStrongInteractions() {
        String base = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "interactions", "domains": ["count", "ground", "attribute", "spatial", "arith"]}""", 201)
                .path("id").asString();
        double[][] c = new double[5][5];
        c[0][1] = c[1][0] = 2;
        c[2][3] = c[3][2] = 1.5;
        c[1][4] = c[4][1] = -1.8;
        QuadraticForm truth = new QuadraticForm(0.3, new double[] {0.05, 0, 0.02, 0.01, 0}, c);
        postDesign(base, "{\"strategy\": \"space-filling\", \"count\": 30, \"seed\": 1}", truth,
                new SplittableRandom(5), 0.01);

        JsonNode linear = http.postOk(base + "/fits", "{\"model\": \"linear\", \"folds\": 5}", 201);
        JsonNode quadratic = http.postOk(base + "/fits", "{\"model\": \"quadratic\", \"folds\": 5}", 201);
        assertThat(quadratic.path("n").asInt()).isEqualTo(30);
        assertThat(quadratic.path("model").asString()).isEqualTo("quadratic");
        assertThat(quadratic.path("id").asString()).isNotBlank();
        double r2Quadratic = quadratic.path("cv").path("r2").asDouble();
        assertThat(r2Quadratic).isGreaterThan(0.8);
        assertThat(linear.path("cv").path("r2").asDouble()).isLessThan(r2Quadratic - 0.4);
        assertThat(quadratic.path("cv").path("spearman").asDouble()).isGreaterThan(0.8);
        assertThat(quadratic.path("cv").path("rmse").asDouble()).isLessThan(linear.path("cv").path("rmse").asDouble());

        JsonNode coefficients = quadratic.path("coefficients");
        assertThat(coefficients.path("a").asDouble()).isZero();
        JsonNode cMatrix = coefficients.path("C");
        assertThat(cMatrix.path("count").path("ground").asDouble())
                .isEqualTo(cMatrix.path("ground").path("count").asDouble())
                .isCloseTo(2.0, within(0.5));
        assertThat(cMatrix.path("count").path("count").asDouble()).isZero();
        // The coefficients reproduce the fit: f(w) = a + bᵀw + wᵀCw near the truth at a probe point.
        double[] probe = {0.3, 0.3, 0.2, 0.1, 0.1};
        double f = coefficients.path("a").asDouble();
        for (int i = 0; i < 5; i++) {
            f += coefficients.path("b").path(DOMAINS.get(i)).asDouble() * probe[i];
            for (int j = 0; j < 5; j++) {
                f += probe[i] * cMatrix.path(DOMAINS.get(i)).path(DOMAINS.get(j)).asDouble() * probe[j];
            }
        }
        assertThat(f).isCloseTo(truth.value(probe), within(0.03));
        assertThat(jdbc.queryForObject("SELECT jsonb_array_length(run_ids) FROM fit WHERE id = ?::uuid",
                Integer.class, quadratic.path("id").asString())).isEqualTo(30);
    }

    @Test
    void exploreProposalsKeepAwayFromRunsAndReportSpread() {
        String base = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "explore", "domains": ["count", "ground", "attribute", "spatial", "arith"]}""", 201)
                .path("id").asString();
        List<double[]> runs = postDesign(base, "{\"strategy\": \"dirichlet\", \"count\": 20, \"seed\": 9}", bowl(),
                new SplittableRandom(1), 0.01);
        JsonNode proposals = http.postOk(base + "/proposals", """
                {"model": "quadratic", "strategy": "explore", "count": 3, "kappa": 2.0, "minDistance": 0.1}""", 201)
                .path("proposals");
        assertThat(proposals.size()).isEqualTo(3);
        List<double[]> taken = new ArrayList<>(runs);
        for (JsonNode p : proposals) {
            double[] w = weights(p.path("weights"));
            assertThat(Vectors.sum(w)).isCloseTo(1.0, within(1e-9));
            assertThat(Vectors.minDistance(w, taken)).isGreaterThanOrEqualTo(0.1 - 1e-9);
            assertThat(p.path("spread").asDouble()).isPositive();
            taken.add(w);
        }
    }

    @Test
    void rejectsFitsAndProposalsItCannotMakeNamingTheField() {
        String base = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "few", "domains": ["count", "ground", "attribute", "spatial", "arith"]}""", 201)
                .path("id").asString();
        postDesign(base, "{\"strategy\": \"seeds\", \"count\": 6}", bowl(), new SplittableRandom(1), 0.01);
        JsonNode tooFew = http.assertBadRequest(http.post(base + "/fits", "{\"model\": \"quadratic\"}"), "model");
        assertThat(tooFew.path("detail").asString()).contains("needs at least 15 runs").contains("has 6");
        http.assertBadRequest(http.post(base + "/proposals", "{\"model\": \"quadratic\"}"), "model");
        http.assertBadRequest(http.post(base + "/fits", "{\"model\": \"cubic\"}"), "model");
        http.assertBadRequest(http.post(base + "/fits", "{\"model\": \"linear\", \"folds\": 1}"), "folds");
        http.assertBadRequest(http.post(base + "/fits", "{\"model\": \"linear\", \"folds\": 7}"), "folds");
        http.postOk(base + "/fits", "{\"model\": \"linear\", \"folds\": 3}", 201);
        http.assertBadRequest(http.post(base + "/proposals", "{\"model\": \"linear\", \"strategy\": \"greedy\"}"),
                "strategy");
        http.assertBadRequest(http.post(base + "/proposals", "{\"model\": \"cubic\"}"), "model");
        http.assertBadRequest(http.post(base + "/proposals", "{\"model\": \"linear\", \"count\": 0}"), "count");
        http.assertBadRequest(http.post(base + "/proposals", "{\"model\": \"linear\", \"kappa\": -1}"), "kappa");
        http.assertProblem(http.post(base + "/proposals", "{\"model\": \"linear\", \"count\": 1000}"), 413, "count");
    }

    @Test
    void timesFitsAndProposals() {
        String base = "/api/v1/studies/" + http.postOk("/api/v1/studies", """
                {"name": "metrics", "domains": ["a", "b", "c"]}""", 201).path("id").asString();
        for (double[] w : List.of(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1},
                new double[] {0.5, 0.5, 0}, new double[] {0, 0.5, 0.5}, new double[] {0.5, 0, 0.5},
                new double[] {0.4, 0.3, 0.3})) {
            http.postOk(base + "/runs", "{\"weights\": {\"a\": " + w[0] + ", \"b\": " + w[1] + ", \"c\": " + w[2]
                    + "}, \"score\": " + (w[0] * w[1] + 0.1 * w[2]) + "}", 201);
        }
        http.postOk(base + "/fits", "{\"model\": \"quadratic\"}", 201);
        http.postOk(base + "/proposals", "{\"model\": \"quadratic\", \"strategy\": \"explore\"}", 201);
        String prometheus = http.get("/actuator/prometheus").body();
        assertThat(prometheus).contains("modomodo_mixture_fits_seconds_count{").contains("modomodo_mixture_proposals_seconds_count{")
                .contains("strategy=\"explore\"").contains("modomodo_mixture_runs_total{");
    }

    private List<double[]> postDesign(String base, String design, QuadraticForm truth, SplittableRandom noise,
            double sigma) {
        List<double[]> posted = new ArrayList<>();
        for (JsonNode mixture : http.postOk(base + "/designs", design, 200).path("mixtures")) {
            double[] w = weights(mixture.path("weights"));
            double score = truth.value(w) + sigma * noise.nextGaussian();
            http.postOk(base + "/runs", "{\"weights\": " + mixture.path("weights") + ", \"score\": " + score + "}", 201);
            posted.add(w);
        }
        return posted;
    }

    private static double[] weights(JsonNode weights) {
        double[] w = new double[weights.size()];
        List<String> names = new ArrayList<>(weights.propertyNames());
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.path(names.get(i)).asDouble();
        }
        return w;
    }
}
