package io.modomodo.mixture.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.modomodo.api.mixture.Coefficients;
import io.modomodo.api.mixture.CrossValidationResult;
import io.modomodo.api.mixture.DomainBound;
import io.modomodo.api.mixture.FitResponse;
import io.modomodo.api.mixture.ProposedMixture;
import io.modomodo.api.mixture.RunResponse;
import io.modomodo.api.mixture.StoredFitResponse;
import io.modomodo.api.mixture.StoredProposalResponse;
import io.modomodo.api.mixture.StudyResponse;
import io.modomodo.mixture.domain.FitEntity;
import io.modomodo.mixture.domain.ProposalEntity;
import io.modomodo.mixture.domain.RunEntity;
import io.modomodo.mixture.domain.StudyEntity;
import io.modomodo.mixtures.surrogate.QuadraticForm;
import io.modomodo.mixtures.surrogate.SurrogateFit;
import tools.jackson.core.type.TypeReference;

/** Entities (with their jsonb columns) to API records, so no entity reaches the web layer. */
@Component
public class MixtureMapper {

    private static final TypeReference<List<String>> DOMAINS = new TypeReference<>() { };
    private static final TypeReference<Map<String, DomainBound>> BOUNDS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() { };
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() { };
    private static final TypeReference<List<ProposedMixture>> PROPOSALS = new TypeReference<>() { };
    private static final TypeReference<Coefficients> COEFFICIENTS = new TypeReference<>() { };

    private final JsonCodec json;

    public MixtureMapper(JsonCodec json) {
        this.json = json;
    }

    Study toStudy(StudyEntity entity) {
        return new Study(entity.getId(), entity.getName(), json.read(entity.getDomainsJson(), DOMAINS),
                json.read(entity.getBoundsJson(), BOUNDS), entity.getCreatedAt());
    }

    StudyResponse toResponse(Study study) {
        return new StudyResponse(study.id(), study.name(), study.domains(), study.bounds(), study.createdAt());
    }

    /** Weights come back in the study's domain order: jsonb keeps object keys in its own order. */
    RunResponse toResponse(Study study, RunEntity run) {
        Map<String, Double> stored = weights(run);
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String domain : study.domains()) {
            weights.put(domain, stored.get(domain));
        }
        return new RunResponse(run.getId(), weights, json.read(run.getScoresJson(), NUMBERS), run.getScore(),
                run.getExternalId(), run.getCreatedAt());
    }

    Map<String, Double> weights(RunEntity run) {
        return json.read(run.getWeightsJson(), NUMBERS);
    }

    Map<String, Double> scores(RunEntity run) {
        return json.read(run.getScoresJson(), NUMBERS);
    }

    FitResponse toResponse(Study study, UUID id, SurrogateFit fit) {
        return new FitResponse(id, fit.model().apiName(), fit.n(),
                new CrossValidationResult(fit.cv().r2(), fit.cv().rmse(), fit.cv().spearman()),
                coefficients(study, fit.form()));
    }

    StoredFitResponse toResponse(FitEntity fit) {
        return new StoredFitResponse(fit.getId(), fit.getModel(), fit.getN(),
                new CrossValidationResult(fit.getCvR2(), fit.getCvRmse(), fit.getCvSpearman()),
                json.read(fit.getCoefficientsJson(), COEFFICIENTS), json.read(fit.getRunIdsJson(), IDS),
                fit.getCreatedAt());
    }

    StoredProposalResponse toResponse(ProposalEntity proposal) {
        return new StoredProposalResponse(proposal.getId(), proposal.getFitId(), proposal.getModel(),
                proposal.getStrategy(), json.read(proposal.getProposalsJson(), PROPOSALS),
                json.read(proposal.getRunIdsJson(), IDS), proposal.getCreatedAt());
    }

    /** a, b and C keyed by domain, in the study's domain order. */
    Coefficients coefficients(Study study, QuadraticForm form) {
        List<String> domains = study.domains();
        Map<String, Double> b = new LinkedHashMap<>();
        Map<String, Map<String, Double>> c = new LinkedHashMap<>();
        for (int i = 0; i < domains.size(); i++) {
            b.put(domains.get(i), form.b(i));
            Map<String, Double> row = new LinkedHashMap<>();
            for (int j = 0; j < domains.size(); j++) {
                row.put(domains.get(j), form.c(i, j));
            }
            c.put(domains.get(i), row);
        }
        return new Coefficients(form.a(), b, c);
    }
}
