package io.modomodo.mixture.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modomodo.api.mixture.RunPageResponse;
import io.modomodo.api.mixture.RunRequest;
import io.modomodo.api.mixture.RunResponse;
import io.modomodo.api.problem.ConflictException;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.mixture.config.MixtureProperties;
import io.modomodo.mixture.domain.RunEntity;
import io.modomodo.mixture.repository.RunRepository;
import io.modomodo.mixture.repository.RunWriter;

/** Records run outcomes, idempotently on the caller's external id, and reads them back. */
@Service
public class RunService {

    /** How far from 1 posted weights may sum; they are renormalised to sum to 1 before storage. */
    static final double SUM_TOLERANCE = 1e-6;
    static final int MAX_EXTERNAL_ID_LENGTH = 200;
    /**
     * A replay is the same run when its weights agree within this after renormalising (the precision
     * every weight the service returns has) and its scores agree to rounding.
     */
    static final double WEIGHT_TOLERANCE = 1e-9;
    static final double SCORE_TOLERANCE = 1e-12;

    private final StudyService studies;
    private final RunRepository runs;
    private final RunWriter writer;
    private final JsonCodec json;
    private final MixtureMapper mapper;
    private final MixtureProperties properties;
    private final Counter created;
    private final Counter replayed;
    private final Counter conflicts;

    public RunService(StudyService studies, RunRepository runs, RunWriter writer, JsonCodec json,
            MixtureMapper mapper, MixtureProperties properties, MeterRegistry registry) {
        this.mapper = mapper;
        this.studies = studies;
        this.runs = runs;
        this.writer = writer;
        this.json = json;
        this.properties = properties;
        this.created = Counter.builder("modomodo.mixture.runs").tag("outcome", "created")
                .description("Runs posted to studies").register(registry);
        this.replayed = Counter.builder("modomodo.mixture.runs").tag("outcome", "replayed")
                .description("Runs posted to studies").register(registry);
        this.conflicts = Counter.builder("modomodo.mixture.runs").tag("outcome", "conflict")
                .description("Runs posted to studies").register(registry);
    }

    /**
     * A run and whether this call created it (false: the external id was known and the same run was
     * posted again, so the stored run returns; the same id with another run is a conflict).
     */
    public record Posted(RunResponse run, boolean created) {
    }

    @Transactional
    public Posted post(String studyId, RunRequest request) {
        Study study = studies.require(studyId);
        Map<String, Double> weights = validateWeights(study, request.weights());
        Map<String, Double> scores = validateScores(request.scores(), properties.limits().maxScores());
        double score = objective(request.score(), scores);
        String externalId = request.externalId();
        if (externalId != null && externalId.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold U+0000: refuse it here rather than fail the insert.
            throw new InvalidRequestException("externalId", "externalId must not contain the character U+0000");
        }
        if (externalId != null && (externalId.isBlank() || externalId.length() > MAX_EXTERNAL_ID_LENGTH)) {
            throw new InvalidRequestException("externalId",
                    "externalId must be non-blank and at most " + MAX_EXTERNAL_ID_LENGTH + " characters");
        }
        RunEntity run = new RunEntity(UUID.randomUUID(), study.id(), externalId, json.write(weights),
                json.write(scores), score, Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (writer.insertIfAbsent(run)) {
            created.increment();
            return new Posted(mapper.toResponse(study, run), true);
        }
        // Lost the race or a retry: under READ COMMITTED this statement sees the committed winner.
        RunEntity stored = runs.findByStudyIdAndExternalId(study.id(), externalId)
                .orElseThrow(() -> new IllegalStateException("conflicting run vanished: " + externalId));
        if (!sameRun(stored, weights, scores, score)) {
            // An idempotency key reused with another body is a mistake to report, not a retry to absorb.
            conflicts.increment();
            throw new ConflictException("externalId", "externalId '" + externalId + "' was already posted to this "
                    + "study with other weights, scores or score (run " + stored.getId() + "); a retry must send "
                    + "the same run, a new run needs a new externalId");
        }
        replayed.increment();
        return new Posted(mapper.toResponse(study, stored), false);
    }

    @Transactional(readOnly = true)
    public RunPageResponse list(String studyId, int page, int size) {
        Study study = studies.require(studyId);
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
        if ((long) page * size > Integer.MAX_VALUE) {
            // JPA offsets are ints: a page that far out is past the end of any study, so it is empty.
            return new RunPageResponse(List.of(), page, size, runs.countByStudyId(study.id()));
        }
        Page<RunEntity> result = runs.findByStudyIdOrderBySeqAsc(study.id(), PageRequest.of(page, size));
        return new RunPageResponse(result.getContent().stream().map(run -> mapper.toResponse(study, run)).toList(), page, size,
                result.getTotalElements());
    }

    @Transactional(readOnly = true)
    public RunResponse get(String studyId, String runId) {
        Study study = studies.require(studyId);
        UUID id;
        try {
            id = UUID.fromString(runId);
        }
        catch (IllegalArgumentException notUuid) {
            throw new NotFoundException("run", runId);
        }
        return runs.findByStudyIdAndId(study.id(), id).map(run -> mapper.toResponse(study, run))
                .orElseThrow(() -> new NotFoundException("run", runId));
    }

    long count(Study study) {
        return runs.countByStudyId(study.id());
    }

    /** Every run of the study in posting order, for fitting. */
    List<RunEntity> all(Study study) {
        return runs.findByStudyIdOrderBySeqAsc(study.id());
    }

    Map<String, Double> weights(RunEntity run) {
        return mapper.weights(run);
    }

    private static Map<String, Double> validateWeights(Study study, Map<String, Double> weights) {
        if (weights == null || weights.isEmpty()) {
            throw new InvalidRequestException("weights", "weights is required: one entry per domain of the study");
        }
        for (String key : weights.keySet()) {
            if (!study.domains().contains(key)) {
                throw new InvalidRequestException("weights." + key, "'" + key + "' is not a domain of the study");
            }
        }
        double sum = 0;
        for (String domain : study.domains()) {
            if (!weights.containsKey(domain)) {
                throw new InvalidRequestException("weights." + domain, "the weight of domain '" + domain
                        + "' is missing: give every domain of the study a weight, 0 if unused");
            }
            Double w = weights.get(domain);
            if (w == null || !Double.isFinite(w)) {
                throw new InvalidRequestException("weights." + domain, "the weight must be a finite number");
            }
            if (w < 0) {
                throw new InvalidRequestException("weights." + domain, "the weight must not be negative, got " + w);
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new InvalidRequestException("weights",
                    "the weights must sum to 1 (within " + SUM_TOLERANCE + "), they sum to " + sum);
        }
        Map<String, Double> normalised = new LinkedHashMap<>();
        for (String domain : study.domains()) {
            normalised.put(domain, weights.get(domain) / sum);
        }
        return normalised;
    }

    /** Whether a stored run is the one now posted again: same weights, scores and objective. */
    private boolean sameRun(RunEntity stored, Map<String, Double> weights, Map<String, Double> scores, double score) {
        return close(stored.getScore(), score, SCORE_TOLERANCE)
                && sameNumbers(mapper.weights(stored), weights, WEIGHT_TOLERANCE)
                && sameNumbers(mapper.scores(stored), scores, SCORE_TOLERANCE);
    }

    private static boolean sameNumbers(Map<String, Double> a, Map<String, Double> b, double tolerance) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Double> entry : a.entrySet()) {
            if (!close(entry.getValue(), b.get(entry.getKey()), tolerance)) {
                return false;
            }
        }
        return true;
    }

    /** Equal within {@code tolerance}, relative to the larger magnitude once it is above 1. */
    private static boolean close(double a, double b, double tolerance) {
        return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    private static Map<String, Double> validateScores(Map<String, Double> scores, int maxScores) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (scores == null) {
            return out;
        }
        if (scores.size() > maxScores) {
            throw new LimitExceededException("scores", maxScores,
                    "a run has at most " + maxScores + " scores, got " + scores.size());
        }
        for (Map.Entry<String, Double> entry : scores.entrySet()) {
            String name = entry.getKey();
            if (name == null || name.isBlank()) {
                throw new InvalidRequestException("scores", "a score name must not be blank");
            }
            if (name.indexOf('\0') >= 0) {
                throw new InvalidRequestException("scores", "a score name must not contain U+0000");
            }
            if (name.length() > MAX_EXTERNAL_ID_LENGTH) {
                throw new InvalidRequestException("scores", "a score name is at most " + MAX_EXTERNAL_ID_LENGTH
                        + " characters");
            }
            Double value = entry.getValue();
            if (value == null || !Double.isFinite(value)) {
                throw new InvalidRequestException("scores." + name, "the score must be a finite number");
            }
            out.put(name, value);
        }
        return out;
    }

    private static double objective(Double score, Map<String, Double> scores) {
        if (score != null) {
            if (!Double.isFinite(score)) {
                throw new InvalidRequestException("score", "score must be a finite number");
            }
            return score;
        }
        if (scores.isEmpty()) {
            throw new InvalidRequestException("score", "give score, or scores to average into it");
        }
        return scores.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
