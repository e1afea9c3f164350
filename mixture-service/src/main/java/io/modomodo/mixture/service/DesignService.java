package io.modomodo.mixture.service;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.modomodo.api.mixture.DesignRequest;
import io.modomodo.api.mixture.DesignResponse;
import io.modomodo.api.mixture.Mixture;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.mixture.config.MixtureProperties;
import io.modomodo.mixtures.design.DesignStrategy;
import io.modomodo.mixtures.design.MixtureDesigner;

/** Pilot designs for a study, skipping the mixtures it has already run. */
@Service
public class DesignService {

    static final int DEFAULT_COUNT = 10;

    private final StudyService studies;
    private final RunService runs;
    private final MixtureProperties properties;

    public DesignService(StudyService studies, RunService runs, MixtureProperties properties) {
        this.studies = studies;
        this.runs = runs;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    public DesignResponse design(String studyId, DesignRequest request) {
        Study study = studies.require(studyId);
        if (request.strategy() == null) {
            throw new InvalidRequestException("strategy", "strategy is required: seeds, dirichlet or space-filling");
        }
        DesignStrategy strategy = DesignStrategy.fromName(request.strategy()).orElseThrow(() ->
                new InvalidRequestException("strategy", "unknown strategy '" + request.strategy()
                        + "': use seeds, dirichlet or space-filling"));
        int count = request.count() == null ? DEFAULT_COUNT : request.count();
        if (count < 1) {
            throw new InvalidRequestException("count", "count must be at least 1");
        }
        int max = properties.limits().maxDesignCount();
        if (count > max) {
            throw new LimitExceededException("count", max, "count is at most " + max);
        }
        double alpha = request.alpha() == null ? 1.0 : request.alpha();
        if (!Double.isFinite(alpha) || alpha <= 0) {
            throw new InvalidRequestException("alpha", "alpha must be a positive number");
        }
        long seed = request.seed() == null ? 0L : request.seed();
        List<double[]> existing = runs.all(study).stream().map(r -> study.toArray(runs.weights(r))).toList();
        List<double[]> design = new MixtureDesigner(study.simplexBounds()).design(strategy, count, seed, alpha,
                existing);
        List<Mixture> mixtures = design.stream().map(w -> new Mixture(study.toWeights(w))).toList();
        return new DesignResponse(mixtures, note(strategy, study, count, mixtures.size(), existing.size()));
    }

    /** Why fewer mixtures than asked came back, or null when the count was met. */
    private static String note(DesignStrategy strategy, Study study, int count, int returned, int runs) {
        if (returned >= count) {
            return null;
        }
        int m = study.dimension();
        String why = strategy == DesignStrategy.SEEDS
                ? "seeds has at most " + (m > 2 ? 2 * m + 1 : m + 1) + " distinct mixtures for " + m + " domains"
                        + (m > 2 ? " (uniform, " + m + " one-hot, " + m + " leave-one-out)" : " (uniform, " + m
                                + " one-hot)")
                        + ", fewer when the bounds make some coincide, and mixtures the study has already run are"
                        + " skipped (" + runs + " runs)"
                : "the bounds leave too few distinct mixtures apart from the " + runs + " already run";
        return "returned " + returned + " of the " + count + " requested: " + why
                + "; use dirichlet or space-filling for more";
    }
}
