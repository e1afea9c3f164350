package io.modomodo.mixture.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

import io.modomodo.api.client.MixtureClient;
import io.modomodo.api.client.ServiceClients;
import io.modomodo.api.mixture.CreateStudyRequest;
import io.modomodo.api.mixture.DesignRequest;
import io.modomodo.api.mixture.FitRequest;
import io.modomodo.api.mixture.ProposalRequest;
import io.modomodo.api.mixture.RunRequest;
import io.modomodo.api.mixture.StudyResponse;
import io.modomodo.testing.postgres.RealPostgres;

/** A CI job's round trip through the shared Java client: study, design, idempotent runs, fit, proposal. */
// Same annotations as the other ITs, so they all share one application context.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@RealPostgres
class MixtureClientIT {

    @LocalServerPort
    int port;

    @Test
    void runsAStudyThroughTheJavaClient() {
        MixtureClient mixtures = ServiceClients.create(MixtureClient.class, "http://localhost:" + port);
        StudyResponse study = mixtures.createStudy(new CreateStudyRequest("client", List.of("x", "y", "z"), null));
        assertThat(mixtures.study(study.id().toString()).domains()).containsExactly("x", "y", "z");
        String id = study.id().toString();

        var designs = mixtures.design(id, new DesignRequest("space-filling", 8, 3L, null)).mixtures();
        assertThat(designs).hasSize(8);
        for (int i = 0; i < designs.size(); i++) {
            Map<String, Double> w = designs.get(i).weights();
            double score = 0.2 + 0.5 * w.get("x") - 0.3 * w.get("z") + w.get("x") * w.get("y");
            var created = mixtures.postRun(id, new RunRequest(w, null, score, "job-" + i));
            assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        Map<String, Double> first = designs.get(0).weights();
        double firstScore = 0.2 + 0.5 * first.get("x") - 0.3 * first.get("z") + first.get("x") * first.get("y");
        var replay = mixtures.postRun(id, new RunRequest(first, null, firstScore, "job-0"));
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThatExceptionOfType(HttpClientErrorException.Conflict.class)
                .isThrownBy(() -> mixtures.postRun(id, new RunRequest(first, null, 9.0, "job-0")))
                .satisfies(ex -> assertThat(ex.getResponseBodyAsString()).contains("\"field\":\"externalId\""));
        assertThat(mixtures.runs(id, 0, 50).total()).isEqualTo(8);

        var fit = mixtures.fit(id, new FitRequest("linear", 4));
        assertThat(fit.n()).isEqualTo(8);
        assertThat(mixtures.fits(id, 0, 10).fits()).extracting(f -> f.id()).containsExactly(fit.id());
        assertThat(mixtures.storedFit(id, fit.id().toString()).runIds()).hasSize(8);
        var proposals = mixtures.propose(id, new ProposalRequest("linear", "best", 1, null, null));
        assertThat(proposals.proposals().get(0).weights().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(mixtures.storedProposal(id, proposals.id().toString()).runIds()).hasSize(8);
    }

    @Test
    void surfacesProblemsAsClientErrors() {
        MixtureClient mixtures = ServiceClients.create(MixtureClient.class, "http://localhost:" + port);
        assertThatExceptionOfType(HttpClientErrorException.BadRequest.class)
                .isThrownBy(() -> mixtures.createStudy(new CreateStudyRequest("one", List.of("x"), null)))
                .satisfies(ex -> assertThat(ex.getResponseBodyAsString()).contains("\"field\":\"domains\""));
        assertThatExceptionOfType(HttpClientErrorException.NotFound.class)
                .isThrownBy(() -> mixtures.study("00000000-0000-0000-0000-000000000000"));
    }
}
