package io.modomodo.mixture.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modomodo.api.mixture.FitRequest;
import io.modomodo.api.mixture.FitResponse;
import io.modomodo.api.mixture.ProposalRequest;
import io.modomodo.api.mixture.ProposalResponse;
import io.modomodo.api.mixture.ProposedMixture;
import io.modomodo.api.mixture.StoredFitResponse;
import io.modomodo.api.mixture.StoredProposalResponse;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.mixture.config.MixtureProperties;
import io.modomodo.mixture.domain.FitEntity;
import io.modomodo.mixture.domain.ProposalEntity;
import io.modomodo.mixture.domain.RunEntity;
import io.modomodo.mixture.repository.FitRepository;
import io.modomodo.mixture.repository.ProposalRepository;
import io.modomodo.mixtures.optimize.MixtureProposer;
import io.modomodo.mixtures.optimize.Proposal;
import io.modomodo.mixtures.surrogate.BootstrapEnsemble;
import io.modomodo.mixtures.surrogate.SurrogateFit;
import io.modomodo.mixtures.surrogate.SurrogateFitter;
import io.modomodo.mixtures.surrogate.SurrogateModel;

/**
 * Fits surrogates to a study's runs and proposes mixtures. Each fit and proposal set is stored with
 * the ids of the runs it was computed from. Fits and proposals are seeded, so the same runs give the
 * same answer; both are timed ({@code modomodo.mixture.fits}, {@code modomodo.mixture.proposals}).
 */
@Service
public class SurrogateService {

    static final int DEFAULT_FOLDS = 5;
    static final double DEFAULT_KAPPA = 1.0;
    static final double DEFAULT_MIN_DISTANCE = 0.05;
    private static final long SEED = 0L;
    /**
     * Bound on folds × p³: cross validation solves one p×p ridge system per fold and penalty, so
     * leave-one-out over 600 runs of a 561-parameter quadratic took 84 s on the 2-core CI machine;
     * 4e9 keeps a fit within a few seconds there (at p = 561, at most 22 folds).
     */
    static final double MAX_FOLD_WORK = 4e9;
    /**
     * Bound on runs × p²: building the Gram matrix costs n·p², once per fit and once per each of the
     * 20 bootstrap members of a proposal (n = 5,000 at p = 561: 1.3 s fit + 3.1 s bootstrap). At most
     * 3,177 runs at p = 561; a linear model over 64 domains, 244,140.
     */
    static final double MAX_RUN_WORK = 1e9;

    private final StudyService studies;
    private final RunService runs;
    private final FitRepository fits;
    private final ProposalRepository proposals;
    private final JsonCodec json;
    private final MixtureMapper mapper;
    private final MixtureProperties properties;
    private final MeterRegistry registry;

    public SurrogateService(StudyService studies, RunService runs, FitRepository fits, ProposalRepository proposals,
            JsonCodec json, MixtureMapper mapper, MixtureProperties properties, MeterRegistry registry) {
        this.mapper = mapper;
        this.studies = studies;
        this.runs = runs;
        this.fits = fits;
        this.proposals = proposals;
        this.json = json;
        this.properties = properties;
        this.registry = registry;
    }

    @Transactional
    public FitResponse fit(String studyId, FitRequest request) {
        Study study = studies.require(studyId);
        SurrogateModel model = model(request.model());
        Timer.Sample sample = Timer.start(registry);
        int parameters = model.parameterCount(study.dimension());
        if (request.folds() != null && parameters <= properties.limits().maxParameters()) {
            // Refuse too much work before loading the runs.
            requireFoldWork(model, parameters, request.folds());
        }
        Evidence evidence = evidence(study, model);
        int folds = folds(request.folds(), evidence.y.length);
        requireFoldWork(model, model.parameterCount(study.dimension()), folds);
        SurrogateFit fit = requireFinite(new SurrogateFitter(SEED).fit(model, evidence.w, evidence.y, folds));
        FitEntity entity = store(study, fit, evidence);
        sample.stop(timer("modomodo.mixture.fits", "Surrogate fits: cross-validation and final fit", "model", model.apiName()));
        return mapper.toResponse(study, entity.getId(), fit);
    }

    @Transactional
    public ProposalResponse propose(String studyId, ProposalRequest request) {
        Study study = studies.require(studyId);
        SurrogateModel model = model(request.model());
        String strategy = request.strategy() == null ? "best" : request.strategy();
        if (!strategy.equals("best") && !strategy.equals("explore")) {
            throw new InvalidRequestException("strategy", "unknown strategy '" + strategy + "': use best or explore");
        }
        int count = request.count() == null ? 1 : request.count();
        if (count < 1) {
            throw new InvalidRequestException("count", "count must be at least 1");
        }
        int max = properties.limits().maxProposals();
        if (count > max) {
            throw new LimitExceededException("count", max, "count is at most " + max);
        }
        double kappa = request.kappa() == null ? DEFAULT_KAPPA : request.kappa();
        if (!Double.isFinite(kappa) || kappa < 0) {
            throw new InvalidRequestException("kappa", "kappa must be a non-negative number");
        }
        double minDistance = request.minDistance() == null ? DEFAULT_MIN_DISTANCE : request.minDistance();
        if (!Double.isFinite(minDistance) || minDistance < 0 || minDistance > Math.sqrt(2)) {
            throw new InvalidRequestException("minDistance", "minDistance must be between 0 and √2");
        }

        Timer.Sample sample = Timer.start(registry);
        Evidence evidence = evidence(study, model);
        SurrogateFit fit = requireFinite(new SurrogateFitter(SEED).fit(model, evidence.w, evidence.y,
                Math.min(DEFAULT_FOLDS, evidence.y.length)));
        BootstrapEnsemble ensemble = BootstrapEnsemble.fit(fit, evidence.w, evidence.y,
                properties.bootstrapMembers(), SEED);
        MixtureProposer proposer = new MixtureProposer(study.simplexBounds(), SEED);
        List<Proposal> found = strategy.equals("best")
                ? proposer.best(fit.form(), ensemble, count, minDistance)
                : proposer.explore(ensemble, List.of(evidence.w), count, kappa, minDistance);
        for (Proposal p : found) {
            if (!Double.isFinite(p.predicted()) || !Double.isFinite(p.spread())) {
                throw tooLarge();
            }
        }
        List<ProposedMixture> mixtures = found.stream()
                .map(p -> new ProposedMixture(study.toWeights(p.weights()), p.predicted(), p.spread()))
                .toList();
        FitEntity fitEntity = store(study, fit, evidence);
        ProposalEntity entity = proposals.save(new ProposalEntity(UUID.randomUUID(), study.id(), fitEntity.getId(),
                model.apiName(), strategy, json.write(mixtures), json.write(evidence.runIds), now()));
        sample.stop(timer("modomodo.mixture.proposals", "Mixture proposals: fit, bootstrap ensemble and optimisation",
                "model", model.apiName(), "strategy", strategy));
        return new ProposalResponse(entity.getId(), fitEntity.getId(), mixtures);
    }

    @Transactional(readOnly = true)
    public StoredFitResponse getFit(String studyId, String fitId) {
        Study study = studies.require(studyId);
        return fits.findByStudyIdAndId(study.id(), parse(fitId, "fit")).map(mapper::toResponse)
                .orElseThrow(() -> new NotFoundException("fit", fitId));
    }

    @Transactional(readOnly = true)
    public StoredProposalResponse getProposal(String studyId, String proposalId) {
        Study study = studies.require(studyId);
        return proposals.findByStudyIdAndId(study.id(), parse(proposalId, "proposal")).map(mapper::toResponse)
                .orElseThrow(() -> new NotFoundException("proposal", proposalId));
    }

    private static UUID parse(String id, String resource) {
        try {
            return UUID.fromString(id);
        }
        catch (IllegalArgumentException notUuid) {
            throw new NotFoundException(resource, id);
        }
    }

    private Timer timer(String name, String description, String... tags) {
        return Timer.builder(name).description(description).tags(tags).register(registry);
    }

    private record Evidence(double[][] w, double[] y, List<UUID> runIds) {
    }

    private Evidence evidence(Study study, SurrogateModel model) {
        int needed = model.parameterCount(study.dimension());
        int maxParameters = properties.limits().maxParameters();
        if (needed > maxParameters) {
            throw new LimitExceededException("model", maxParameters, "a " + model.apiName() + " model over "
                    + study.dimension() + " domains has " + needed + " parameters; this service fits at most "
                    + maxParameters + " (use the linear model)");
        }
        long maxRuns = maxRuns(needed);
        long count = runs.count(study);
        if (count > maxRuns) {
            throw new LimitExceededException("model", maxRuns, "a " + model.apiName() + " model with " + needed
                    + " parameters is fitted to at most " + maxRuns + " runs; the study has " + count
                    + " (use the linear model)");
        }
        List<RunEntity> all = runs.all(study);
        if (all.size() < needed) {
            throw new InvalidRequestException("model", "a " + model.apiName() + " model over " + study.dimension()
                    + " domains has " + needed + " parameters and needs at least " + needed
                    + " runs; the study has " + all.size());
        }
        double[][] w = new double[all.size()][];
        double[] y = new double[all.size()];
        for (int r = 0; r < all.size(); r++) {
            w[r] = study.toArray(runs.weights(all.get(r)));
            y[r] = all.get(r).getScore();
        }
        return new Evidence(w, y, all.stream().map(RunEntity::getId).toList());
    }

    /** 413 when cross validation with {@code folds} folds would exceed {@link #MAX_FOLD_WORK}. */
    static void requireFoldWork(SurrogateModel model, int parameters, int folds) {
        double p = parameters;
        if (folds * p * p * p > MAX_FOLD_WORK) {
            long maxFolds = Math.max(2, (long) (MAX_FOLD_WORK / (p * p * p)));
            throw new LimitExceededException("folds", maxFolds, "a " + model.apiName() + " model with " + parameters
                    + " parameters is cross-validated with at most " + maxFolds + " folds");
        }
    }

    /** The most runs a model with this many parameters is fitted to, by {@link #MAX_RUN_WORK}. */
    static long maxRuns(int parameters) {
        return (long) (MAX_RUN_WORK / ((double) parameters * parameters));
    }

    private static SurrogateModel model(String name) {
        if (name == null) {
            return SurrogateModel.QUADRATIC;
        }
        return SurrogateModel.fromName(name).orElseThrow(() ->
                new InvalidRequestException("model", "unknown model '" + name + "': use quadratic or linear"));
    }

    private static int folds(Integer requested, int n) {
        int folds = requested == null ? Math.min(DEFAULT_FOLDS, n) : requested;
        if (folds < 2) {
            throw new InvalidRequestException("folds", "folds must be at least 2");
        }
        if (folds > n) {
            throw new InvalidRequestException("folds", "folds must not exceed the number of runs (" + n + ")");
        }
        return folds;
    }

    private FitEntity store(Study study, SurrogateFit fit, Evidence evidence) {
        return fits.save(new FitEntity(UUID.randomUUID(), study.id(), fit.model().apiName(), fit.cv().folds(),
                fit.n(), fit.cv().penalty(), fit.cv().r2(), fit.cv().rmse(), fit.cv().spearman(),
                json.write(mapper.coefficients(study, fit.form())), json.write(evidence.runIds), now()));
    }

    /**
     * Scores are fitted at the scale of max|score|, so only outcomes near the limits of a double
     * (about 1e300 with strong interactions) can overflow a coefficient; JSON has no Infinity or NaN.
     */
    private static SurrogateFit requireFinite(SurrogateFit fit) {
        boolean finite = Double.isFinite(fit.cv().r2()) && Double.isFinite(fit.cv().rmse())
                && Double.isFinite(fit.cv().spearman());
        for (double c : fit.coefficients()) {
            finite &= Double.isFinite(c);
        }
        if (!finite) {
            throw tooLarge();
        }
        return fit;
    }

    private static InvalidRequestException tooLarge() {
        return new InvalidRequestException("score", "the study's scores are too large in magnitude for the fitted "
                + "surrogate to be represented as finite numbers; rescale them");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
