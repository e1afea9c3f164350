package io.modomodo.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WeightsDigestTest {

    @Test
    void dependsOnValuesAndNamesOnly() {
        Map<String, float[]> a = new LinkedHashMap<>();
        a.put("w", new float[] {1f, 2f});
        a.put("b", new float[] {0.5f});
        Map<String, float[]> same = new LinkedHashMap<>();
        same.put("w", new float[] {1f, 2f});
        same.put("b", new float[] {0.5f});
        Map<String, float[]> moved = new LinkedHashMap<>();
        moved.put("w", new float[] {1f, Math.nextUp(2f)});
        moved.put("b", new float[] {0.5f});
        assertThat(WeightsDigest.of(a)).hasSize(64).isEqualTo(WeightsDigest.of(same))
                .isNotEqualTo(WeightsDigest.of(moved));
    }

    @Test
    void stepSeedsAreAFunctionOfSeedAndStep() {
        assertThat(JobRunner.stepSeed(7, 3)).isEqualTo(JobRunner.stepSeed(7, 3))
                .isNotEqualTo(JobRunner.stepSeed(7, 4)).isNotEqualTo(JobRunner.stepSeed(8, 3));
    }
}
