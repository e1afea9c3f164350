package io.modomodo.mixture.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modomodo.api.mixture.FitRequest;
import io.modomodo.api.mixture.FitPageResponse;
import io.modomodo.api.mixture.FitResponse;
import io.modomodo.api.mixture.ProposalPageResponse;
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
import io.modomodo.mixtures.simplex.Vectors;
import io.modomodo.mixtures.surrogate.BootstrapEnsemble;
import io.modomodo.mixtures.surrogate.SurrogateFit;
import io.modomodo.mixtures.surrogate.SurrogateFitter;
import io.modomodo.mixtures.surrogate.SurrogateModel;
import tools.jackson.core.type.TypeReference;

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

    private static final TypeReference<List<UUID>> RUN_IDS = new TypeReference<>() { };

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
        return fitWithHeldOut(studyId, request).response();
    }

    /** A stored fit with the runs it saw, their scores and each one's held-out prediction (for the report). */
    record FitWithHeldOut(FitResponse response, List<UUID> runIds, double[] actual, double[] heldOut) {
    }

    @Transactional
    FitWithHeldOut fitWithHeldOut(String studyId, FitRequest request) {
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
        return new FitWithHeldOut(mapper.toResponse(study, entity.getId(), fit), evidence.runIds, evidence.y,
                fit.cv().heldOut());
    }

    @Transactional
    public ProposalResponse propose(String studyId, ProposalRequest request) {
        Study study = studies.require(studyId);
        FitEntity reused = request.fitId() == null ? null
                : fits.findByStudyIdAndId(study.id(), parse(request.fitId(), "fit"))
                        .orElseThrow(() -> new NotFoundException("fit", request.fitId()));
        SurrogateModel model = model(reused == null ? request.model() : reused.getModel());
        if (reused != null && request.model() != null && !request.model().equals(reused.getModel())) {
            throw new InvalidRequestException("model", "fit " + reused.getId() + " is a " + reused.getModel()
                    + " model; omit model or ask for " + reused.getModel());
        }
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
        // A reused fit is recomputed from its own runs and folds: fits are seeded, so these are its coefficients.
        Evidence evidence = reused == null ? evidence(study, model)
                : evidence(study, model, json.read(reused.getRunIdsJson(), RUN_IDS));
        int folds = reused == null ? Math.min(DEFAULT_FOLDS, evidence.y.length) : reused.getFolds();
        SurrogateFit fit = requireFinite(new SurrogateFitter(SEED).fit(model, evidence.w, evidence.y, folds));
        BootstrapEnsemble ensemble = BootstrapEnsemble.fit(fit, evidence.w, evidence.y,
                properties.bootstrapMembers(), SEED);
        MixtureProposer proposer = new MixtureProposer(study.simplexBounds(), SEED);
        boolean explore = strategy.equals("explore");
        List<Proposal> found = explore
                ? proposer.explore(ensemble, List.of(evidence.w), count, kappa, minDistance)
                : proposer.best(fit.form(), ensemble, count, minDistance);
        for (Proposal p : found) {
            if (!Double.isFinite(p.predicted()) || !Double.isFinite(p.spread())) {
                throw tooLarge();
            }
        }
        List<double[]> keptFrom = new ArrayList<>(explore ? List.of(evidence.w) : List.of());
        List<ProposedMixture> mixtures = new ArrayList<>();
        double closest = Double.POSITIVE_INFINITY;
        for (Proposal p : found) {
            Double distance = keptFrom.isEmpty() ? null : Vectors.minDistance(p.weights(), keptFrom);
            if (distance != null) {
                closest = Math.min(closest, distance);
            }
            keptFrom.add(p.weights());
            mixtures.add(new ProposedMixture(study.toWeights(p.weights()), p.predicted(), p.spread(), distance));
        }
        String note = closest < minDistance - 1e-12 ? relaxed(minDistance, closest, explore) : null;
        UUID fitId = reused == null ? store(study, fit, evidence).getId() : reused.getId();
        ProposalEntity entity = proposals.save(new ProposalEntity(UUID.randomUUID(), study.id(), fitId,
                model.apiName(), strategy, json.write(mixtures), json.write(evidence.runIds), now()));
        sample.stop(timer("modomodo.mixture.proposals", "Mixture proposals: fit, bootstrap ensemble and optimisation",
                "model", model.apiName(), "strategy", strategy));
        return new ProposalResponse(entity.getId(), fitId, mixtures, minDistance, note);
    }

    private static String relaxed(double minDistance, double closest, boolean explore) {
        return String.format(Locale.ROOT, "minDistance %.4g was relaxed: no candidate mixture within the bounds is "
                + "that far from %s, so the distance was halved until one was; the closest proposal is %.4g away "
                + "(each proposal's distance is given)", minDistance,
                explore ? "every run and earlier proposal" : "the earlier proposals", closest);
    }

    @Transactional(readOnly = true)
    public FitPageResponse listFits(String studyId, int page, int size) {
        Study study = studies.require(studyId);
        PageRequest request = pageRequest(page, size);
        if (request == null) {
            return new FitPageResponse(List.of(), page, size, fits.countByStudyId(study.id()));
        }
        Page<FitEntity> result = fits.findByStudyIdOrderByCreatedAtDesc(study.id(), request);
        return new FitPageResponse(result.getContent().stream().map(mapper::toResponse).toList(), page, size,
                result.getTotalElements());
    }

    @Transactional(readOnly = true)
    public ProposalPageResponse listProposals(String studyId, int page, int size) {
        Study study = studies.require(studyId);
        PageRequest request = pageRequest(page, size);
        if (request == null) {
            return new ProposalPageResponse(List.of(), page, size, proposals.countByStudyId(study.id()));
        }
        Page<ProposalEntity> result = proposals.findByStudyIdOrderByCreatedAtDesc(study.id(), request);
        return new ProposalPageResponse(result.getContent().stream().map(mapper::toResponse).toList(), page, size,
                result.getTotalElements());
    }

    /** The page asked for, or null when it lies beyond any offset JPA can express (so it is empty). */
    private PageRequest pageRequest(int page, int size) {
        if (page < 0) {
            throw new InvalidRequestException("page", "page must be 0 or more");
        }
        if (size < 1) {
            throw new InvalidRequestException("size", "size must be at least 1");
        }
        int max = properties.limits().maxPageSize();
        if (size > max) {
            throw new LimitExceededException("size", max, "size is at most " + max);
        }
        return (long) page * size > Integer.MAX_VALUE ? null : PageRequest.of(page, size);
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
        return evidence(study, model, null);
    }

    /** The study's runs, or only those with {@code runIds} (a stored fit's), in posting order. */
    private Evidence evidence(Study study, SurrogateModel model, List<UUID> runIds) {
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
        if (runIds != null) {
            Set<UUID> wanted = new HashSet<>(runIds);
            all = all.stream().filter(run -> wanted.contains(run.getId())).toList();
        }
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
