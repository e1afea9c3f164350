package io.modomodo.mixture.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.modomodo.api.mixture.CreateStudyRequest;
import io.modomodo.api.mixture.DomainBound;
import io.modomodo.api.mixture.StudyListResponse;
import io.modomodo.api.mixture.StudyResponse;
import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.problem.LimitExceededException;
import io.modomodo.api.problem.NotFoundException;
import io.modomodo.mixture.config.MixtureProperties;
import io.modomodo.mixture.domain.StudyEntity;
import io.modomodo.mixture.repository.StudyRepository;
import io.modomodo.mixtures.simplex.Bounds;

/** Creates and reads studies. */
@Service
public class StudyService {

    static final int MAX_NAME_LENGTH = 200;

    private final StudyRepository studies;
    private final JsonCodec json;
    private final MixtureMapper mapper;
    private final MixtureProperties properties;

    public StudyService(StudyRepository studies, JsonCodec json, MixtureMapper mapper, MixtureProperties properties) {
        this.studies = studies;
        this.json = json;
        this.mapper = mapper;
        this.properties = properties;
    }

    @Transactional
    public StudyResponse create(CreateStudyRequest request) {
        String name = request.name();
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name", "name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException("name", "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold U+0000: refuse it here rather than fail the insert.
            throw new InvalidRequestException("name", "name must not contain the character U+0000");
        }
        List<String> domains = validateDomains(request.domains());
        Map<String, DomainBound> bounds = validateBounds(domains, request.bounds());
        Study study = new Study(UUID.randomUUID(), name, domains, bounds,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        studies.save(new StudyEntity(study.id(), study.name(), json.write(domains), json.write(bounds),
                study.createdAt()));
        return mapper.toResponse(study);
    }

    @Transactional(readOnly = true)
    public StudyListResponse list() {
        return new StudyListResponse(studies.findAllByOrderByCreatedAtDesc().stream()
                .map(mapper::toStudy).map(mapper::toResponse).toList());
    }

    @Transactional(readOnly = true)
    public StudyResponse get(String id) {
        return mapper.toResponse(require(id));
    }

    /** The study, or 404; an id that is not a UUID names no study either. */
    Study require(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        }
        catch (IllegalArgumentException notUuid) {
            throw new NotFoundException("study", id);
        }
        return studies.findById(uuid).map(mapper::toStudy).orElseThrow(() -> new NotFoundException("study", id));
    }

    private List<String> validateDomains(List<String> domains) {
        if (domains == null) {
            throw new InvalidRequestException("domains", "domains is required");
        }
        if (domains.size() < 2) {
            throw new InvalidRequestException("domains", "a study needs at least two domains, got " + domains.size());
        }
        int max = properties.limits().maxDomains();
        if (domains.size() > max) {
            throw new LimitExceededException("domains", max,
                    "a study has at most " + max + " domains, got " + domains.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            if (domain == null || domain.isBlank()) {
                throw new InvalidRequestException("domains[" + i + "]", "a domain name must not be blank");
            }
            if (domain.length() > MAX_NAME_LENGTH) {
                throw new InvalidRequestException("domains[" + i + "]",
                        "a domain name is at most " + MAX_NAME_LENGTH + " characters");
            }
            if (domain.indexOf('\0') >= 0) {
                throw new InvalidRequestException("domains[" + i + "]", "a domain name must not contain U+0000");
            }
            if (!seen.add(domain)) {
                throw new InvalidRequestException("domains[" + i + "]", "duplicate domain '" + domain + "'");
            }
        }
        return List.copyOf(domains);
    }

    private static Map<String, DomainBound> validateBounds(List<String> domains, Map<String, DomainBound> bounds) {
        Map<String, DomainBound> normalised = new LinkedHashMap<>();
        if (bounds == null || bounds.isEmpty()) {
            return normalised;
        }
        for (String key : bounds.keySet()) {
            if (!domains.contains(key)) {
                throw new InvalidRequestException("bounds." + key, "'" + key + "' is not a domain of the study");
            }
        }
        double[] lo = new double[domains.size()];
        double[] hi = new double[domains.size()];
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            hi[i] = 1;
            if (!bounds.containsKey(domain)) {
                continue;
            }
            DomainBound bound = bounds.get(domain);
            String field = "bounds." + domain;
            if (bound == null) {
                throw new InvalidRequestException(field, "a bound needs min and/or max");
            }
            lo[i] = bound.min() == null ? 0 : checkUnit(bound.min(), field + ".min");
            hi[i] = bound.max() == null ? 1 : checkUnit(bound.max(), field + ".max");
            if (lo[i] > hi[i]) {
                throw new InvalidRequestException(field, "min " + lo[i] + " is above max " + hi[i]);
            }
            normalised.put(domain, new DomainBound(lo[i], hi[i]));
        }
        try {
            Bounds.of(lo, hi);
        }
        catch (IllegalArgumentException infeasible) {
            throw new InvalidRequestException("bounds", "the bounds leave no feasible mixture: "
                    + infeasible.getMessage());
        }
        return normalised;
    }

    private static double checkUnit(double value, String field) {
        if (!Double.isFinite(value) || value < 0 || value > 1) {
            throw new InvalidRequestException(field, "must be a number between 0 and 1, got " + value);
        }
        return value;
    }
}
