package io.modomodo.mixture.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.modomodo.api.mixture.DomainBound;

class StudyTest {

    @Test
    void writesAnOptimisersRoundingNoiseAsZeroAndStillSumsToOne() {
        Study study = new Study(UUID.randomUUID(), "s", List.of("a", "b", "c"), Map.of(), Instant.EPOCH);
        Map<String, Double> w = study.toWeights(new double[] {6.1e-9, 0.4, 0.6 - 6.1e-9});
        assertThat(w.get("a")).isZero();
        assertThat(w.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1.0);
        assertThat(study.toWeights(new double[] {2e-7, 0.5, 0.5 - 2e-7}).get("a")).isEqualTo(2e-7);
    }

    @Test
    void keepsATinyWeightThatALowerBoundRequires() {
        Study study = new Study(UUID.randomUUID(), "s", List.of("a", "b"),
                Map.of("a", new DomainBound(1e-8, 1.0)), Instant.EPOCH);
        assertThat(study.toWeights(new double[] {1e-8, 1 - 1e-8}).get("a")).isEqualTo(1e-8);
    }
}
