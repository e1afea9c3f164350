package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.modomodo.testing.postgres.RealPostgres;
import tools.jackson.databind.JsonNode;

/**
 * What a user of the study API found missing: stored fits and proposals have a Location and a list,
 * a proposal can reuse a stored fit, a relaxed minDistance is reported, a short design says why,
 * weights meant to be 0 are 0, and parameter errors read like every other problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealPostgres
class FitsAndProposalsApiIT {

    @LocalServerPort
    int port;

    Http http;
    String base;

    @BeforeEach
    void studyWithRuns() {
        http = new Http(port);
        base = "/api/v1/studies/" + http.postOk("/api/v1/studies",
                "{\"name\": \"polish\", \"domains\": [\"a\", \"b\", \"c\"]}", 201).path("id").asString();
        for (JsonNode mixture : http.postOk(base + "/designs", "{\"strategy\": \"space-filling\", \"count\": 12, "
                + "\"seed\": 4}", 200).path("mixtures")) {
            JsonNode w = mixture.path("weights");
            double score = 0.3 * w.path("a").asDouble() + w.path("a").asDouble() * w.path("b").asDouble();
            http.postOk(base + "/runs", "{\"weights\": " + w + ", \"score\": " + score + "}", 201);
        }
    }

    @Test
    void storedFitsAndProposalsAnswer201WithTheirLocationAndAreListedNewestFirst() {
        HttpResponse<String> first = http.post(base + "/fits", "{\"model\": \"linear\"}");
        HttpResponse<String> second = http.post(base + "/fits", "{\"model\": \"quadratic\"}");
        assertThat(first.statusCode()).isEqualTo(201);
        String location = second.headers().firstValue("Location").orElseThrow();
        String secondId = Http.JSON.readTree(second.body()).path("id").asString();
        assertThat(location).isEqualTo(base + "/fits/" + secondId);
        assertThat(http.getOk(location).path("model").asString()).isEqualTo("quadratic");

        JsonNode fits = http.getOk(base + "/fits?page=0&size=10");
        assertThat(fits.path("total").asLong()).isEqualTo(2);
        assertThat(fits.path("fits").get(0).path("id").asString()).isEqualTo(secondId);
        assertThat(http.getOk(base + "/fits?page=0&size=1").path("fits")).hasSize(1);

        HttpResponse<String> proposal = http.post(base + "/proposals", "{\"model\": \"linear\"}");
        assertThat(proposal.statusCode()).isEqualTo(201);
        String proposalLocation = proposal.headers().firstValue("Location").orElseThrow();
        assertThat(http.getOk(proposalLocation).path("strategy").asString()).isEqualTo("best");
        JsonNode proposals = http.getOk(base + "/proposals");
        assertThat(proposals.path("total").asLong()).isEqualTo(1);
        assertThat(proposals.path("proposals").get(0).path("id").asString())
                .isEqualTo(Http.JSON.readTree(proposal.body()).path("id").asString());
    }

    @Test
    void proposesFromAStoredFitWithoutFittingAgain() {
        JsonNode fit = http.postOk(base + "/fits", "{\"model\": \"quadratic\", \"folds\": 4}", 201);
        String fitId = fit.path("id").asString();
        // A run posted after the fit: a proposal from the stored fit must not see it.
        http.postOk(base + "/runs", "{\"weights\": {\"a\": 0.9, \"b\": 0.05, \"c\": 0.05}, \"score\": 5}", 201);
        JsonNode proposal = http.postOk(base + "/proposals", "{\"fitId\": \"" + fitId + "\"}", 201);
        assertThat(proposal.path("fitId").asString()).isEqualTo(fitId);
        JsonNode stored = http.getOk(base + "/proposals/" + proposal.path("id").asString());
        assertThat(stored.path("runIds")).isEqualTo(http.getOk(base + "/fits/" + fitId).path("runIds"));
        assertThat(stored.path("runIds")).hasSize(12);
        assertThat(stored.path("model").asString()).isEqualTo("quadratic");
        assertThat(http.getOk(base + "/fits").path("total").asLong()).as("no new fit stored").isEqualTo(1);
        // The best proposal of the stored fit predicts the fit's own value there: same coefficients.
        JsonNode weights = proposal.path("proposals").get(0).path("weights");
        JsonNode c = fit.path("coefficients");
        double predicted = c.path("a").asDouble();
        for (String i : List.of("a", "b", "c")) {
            predicted += c.path("b").path(i).asDouble() * weights.path(i).asDouble();
            for (String j : List.of("a", "b", "c")) {
                predicted += weights.path(i).asDouble() * c.path("C").path(i).path(j).asDouble()
                        * weights.path(j).asDouble();
            }
        }
        assertThat(proposal.path("proposals").get(0).path("predicted").asDouble()).isCloseTo(predicted, within(1e-6));

        http.assertProblem(http.post(base + "/proposals", "{\"fitId\": \"00000000-0000-0000-0000-000000000000\"}"),
                404, null);
        http.assertBadRequest(http.post(base + "/proposals", "{\"fitId\": \"" + fitId + "\", \"model\": \"linear\"}"),
                "model");
    }

    @Test
    void saysWhenMinDistanceHadToBeRelaxedAndHowFarEachProposalIs() {
        JsonNode far = http.postOk(base + "/proposals", "{\"model\": \"linear\", \"strategy\": \"explore\", "
                + "\"count\": 2, \"minDistance\": 0.9}", 201);
        assertThat(far.path("minDistance").asDouble()).isEqualTo(0.9);
        assertThat(far.path("note").asString()).contains("minDistance 0.9").contains("relaxed");
        List<Double> distances = new ArrayList<>();
        far.path("proposals").forEach(p -> distances.add(p.path("distance").asDouble()));
        assertThat(distances).hasSize(2).allSatisfy(d -> assertThat(d).isLessThan(0.9).isPositive());

        JsonNode near = http.postOk(base + "/proposals", "{\"model\": \"linear\", \"strategy\": \"explore\", "
                + "\"count\": 2, \"minDistance\": 0.01}", 201);
        assertThat(near.path("note").isNull() || near.path("note").isMissingNode()).as(near.toString()).isTrue();
        near.path("proposals").forEach(p -> assertThat(p.path("distance").asDouble()).isGreaterThanOrEqualTo(0.01));
    }

    @Test
    void aShortDesignSaysWhyAndWeightsMeantToBeZeroAreZero() {
        String fresh = "/api/v1/studies/" + http.postOk("/api/v1/studies",
                "{\"name\": \"five\", \"domains\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", 201).path("id").asString();
        JsonNode seeds = http.postOk(fresh + "/designs", "{\"strategy\": \"seeds\", \"count\": 20}", 200);
        assertThat(seeds.path("mixtures")).hasSize(11);
        assertThat(seeds.path("note").asString()).contains("11 of the 20").contains("one-hot").contains("leave-one-out");
        JsonNode enough = http.postOk(fresh + "/designs", "{\"strategy\": \"seeds\", \"count\": 3}", 200);
        assertThat(enough.path("note").isNull() || enough.path("note").isMissingNode()).isTrue();
        for (JsonNode mixture : seeds.path("mixtures")) {
            mixture.path("weights").forEach(w -> assertThat(w.asDouble() == 0 || w.asDouble() > 1e-7)
                    .as(mixture.toString()).isTrue());
        }
        // A linear surrogate's best mixture lies on a vertex or edge: the other weights are exactly 0.
        JsonNode best = http.postOk(base + "/proposals", "{\"model\": \"linear\"}", 201);
        best.path("proposals").get(0).path("weights").forEach(w -> assertThat(w.asDouble() == 0 || w.asDouble() > 1e-7)
                .as(best.toString()).isTrue());
    }

    @Test
    void aParameterOfTheWrongTypeIsAnInvalidRequestNamingIt() {
        JsonNode problem = http.assertBadRequest(http.get(base + "/runs?page=abc"), "page");
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("detail").asString()).isEqualTo("page: expected an integer");
        JsonNode unknown = http.assertProblem(http.get("/api/v1/nothing-here"), 404, null);
        assertThat(unknown.path("detail").asString()).doesNotContain("static").contains("/api/v1/nothing-here");
        JsonNode empty = http.assertProblem(http.post("/api/v1/studies", ""), 400, null);
        assertThat(empty.path("detail").asString()).contains("missing or empty");
        JsonNode wrongType = http.assertBadRequest(http.post(base + "/runs",
                "{\"weights\": {\"a\": \"x\", \"b\": 0.5, \"c\": 0.5}, \"score\": 1}"), "weights.a");
        assertThat(wrongType.path("detail").asString()).isEqualTo("weights.a: expected a number");
    }
}
