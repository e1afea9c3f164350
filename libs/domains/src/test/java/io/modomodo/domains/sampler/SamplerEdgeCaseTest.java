package io.modomodo.domains.sampler;

import static io.modomodo.domains.sampler.MixtureSamplerTest.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modomodo.domains.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerEdgeCaseTest {

    private static List<String> ids(MixtureSampler s, int batches) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            s.next().items().forEach(it -> out.add(it.id()));
        }
        return out;
    }

    @Test
    void weightsWithinTheToleranceAreAcceptedAndRenormalised() {
        Map<String, Dataset> d = data(10, 10);
        MixtureSampler s = new MixtureSampler(d, SamplerConfig.of(Map.of("d0", 0.5 + 4e-7, "d1", 0.5), 4, 1));
        for (int i = 0; i < 10; i++) {
            Batch b = s.next();
            assertThat(b.items()).hasSize(4);
        }
        assertThat(s.totalCounts()).containsEntry("d0", 20L).containsEntry("d1", 20L);
    }

    @Test
    void weightsOutsideTheToleranceAreRefusedNamingTheSum() {
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("a", 0.5 + 2e-6, "b", 0.5), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.000002");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("a", 0.5 - 2e-6, "b", 0.5), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.999998");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("a", Double.NaN), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.a");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("a", Double.POSITIVE_INFINITY), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.a");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("a", -0.5, "b", 1.5), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.a");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of(), 4, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("a", 1.0), 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
    }

    @Test
    void refusesAWeightedDomainWithoutDataOrWithAnEmptyDataset() {
        assertThatThrownBy(() -> new MixtureSampler(data(5), SamplerConfig.of(Map.of("d0", 0.5, "x", 0.5), 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        assertThatThrownBy(() -> new MixtureSampler(data(5, 0), SamplerConfig.of(Map.of("d0", 0.5, "d1", 0.5), 2, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'d1'");
        // zero weight: the empty dataset does not matter
        MixtureSampler s = new MixtureSampler(data(5, 0), SamplerConfig.of(Map.of("d0", 1.0, "d1", 0.0), 2, 1));
        assertThat(s.next().domains()).containsOnly("d0");
    }

    @Test
    void batchOfOneAndBatchLargerThanTheDatasetAndASingleDomain() {
        MixtureSampler one = new MixtureSampler(data(3, 3), SamplerConfig.of(Map.of("d0", 0.3, "d1", 0.7), 1, 2));
        ids(one, 1000);
        assertThat(one.totalCounts()).containsEntry("d0", 300L).containsEntry("d1", 700L);
        MixtureSampler big = new MixtureSampler(data(3), SamplerConfig.of(Map.of("d0", 1.0), 10, 2));
        List<String> items = ids(big, 3);
        assertThat(items).hasSize(30);
        // each pass covers all three items
        for (int p = 0; p < 10; p++) {
            assertThat(new java.util.HashSet<>(items.subList(p * 3, p * 3 + 3))).hasSize(3);
        }
    }

    @Test
    void manyTinyWeightsStayWithinFloorAndCeilEveryBatch() {
        int m = 50;
        Map<String, Double> w = new LinkedHashMap<>();
        long[] sizes = new long[m];
        for (int i = 0; i < m; i++) {
            w.put("d" + i, i == 0 ? 1.0 - (m - 1) * 0.001 : 0.001);
            sizes[i] = 7;
        }
        int batch = 64;
        MixtureSampler s = new MixtureSampler(data(sizes), SamplerConfig.of(w, batch, 9));
        for (int n = 0; n < 2000; n++) {
            Batch b = s.next();
            for (Map.Entry<String, Double> e : w.entrySet()) {
                double exact = batch * e.getValue();
                int c = b.counts().getOrDefault(e.getKey(), 0);
                assertThat(c).isBetween((int) Math.floor(exact - 1e-9), (int) Math.ceil(exact + 1e-9));
            }
        }
        for (int i = 1; i < m; i++) {
            assertThat(s.totalCounts().get("d" + i)).isEqualTo(128L);
        }
        MixtureSampler resumed = MixtureSampler.resume(data(sizes), SamplerState.fromJson(s.state().toJson()));
        assertThat(ids(resumed, 50)).isEqualTo(ids(s, 50));
    }

    @Test
    void resumesAfterZeroBatchesMidEpochAndExactlyAtTheEpochBoundary() {
        Map<String, Dataset> d = data(5, 7);
        SamplerConfig c = new SamplerConfig(Map.of("d0", 0.4, "d1", 0.6), 3, 11, 4);
        for (int at : new int[] {0, 2, 4, 8, 5}) {
            MixtureSampler a = new MixtureSampler(d, c);
            ids(a, at);
            String json = a.state().toJson();
            MixtureSampler b = MixtureSampler.resume(d, SamplerState.fromJson(json));
            assertThat(b.batchesDrawn()).isEqualTo(at);
            assertThat(b.epoch()).isEqualTo(a.epoch());
            assertThat(b.epochCounts()).isEqualTo(a.epochCounts());
            for (int k = 0; k < 10; k++) {
                Batch x = a.next();
                Batch y = b.next();
                assertThat(y.items()).isEqualTo(x.items());
                assertThat(y.epoch()).isEqualTo(x.epoch());
                assertThat(y.counts()).isEqualTo(x.counts());
                assertThat(b.epochCounts()).isEqualTo(a.epochCounts());
            }
        }
    }

    @Test
    void refusesToResumeOnOtherDatasets() {
        Map<String, Dataset> d = data(5, 7);
        MixtureSampler a = new MixtureSampler(d, SamplerConfig.of(Map.of("d0", 0.4, "d1", 0.6), 3, 11));
        ids(a, 3);
        SamplerState st = a.state();
        assertThatThrownBy(() -> MixtureSampler.resume(data(5, 8), st))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d1");
        assertThatThrownBy(() -> MixtureSampler.resume(data(5), st))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("d1");
    }

    @Test
    void refusesAStateWhoseWeightsOrBatchSizeWereChanged() {
        Map<String, Dataset> d = data(5, 7);
        MixtureSampler a = new MixtureSampler(d, SamplerConfig.of(Map.of("d0", 0.4, "d1", 0.6), 3, 11));
        ids(a, 7);
        String json = a.state().toJson();
        assertThat(MixtureSampler.resume(d, SamplerState.fromJson(json)).batchesDrawn()).isEqualTo(7);
        String otherWeights = json.replace("\"d0\":0.4,\"d1\":0.6", "\"d0\":0.5,\"d1\":0.5");
        assertThat(otherWeights).isNotEqualTo(json);
        assertThatThrownBy(() -> MixtureSampler.resume(d, SamplerState.fromJson(otherWeights)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other weights");
        SamplerState st = a.state();
        SamplerState otherBatch = new SamplerState(SamplerState.VERSION, SamplerConfig.of(st.config().weights(), 6, 11),
                st.batches(), st.domains());
        assertThatThrownBy(() -> MixtureSampler.resume(d, otherBatch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size");
        SamplerState otherSeed = new SamplerState(SamplerState.VERSION, SamplerConfig.of(st.config().weights(), 3, 12),
                st.batches(), st.domains());
        assertThat(MixtureSampler.resume(d, otherSeed).batchesDrawn()).isEqualTo(7); // the seed is not checkable
    }

    @Test
    void corruptedOrTruncatedStatesFailWithAClearError() {
        Map<String, Dataset> d = data(5, 7);
        MixtureSampler a = new MixtureSampler(d, SamplerConfig.of(Map.of("d0", 0.4, "d1", 0.6), 3, 11));
        ids(a, 3);
        String json = a.state().toJson();
        List<String> bad = new ArrayList<>();
        for (int cut = 0; cut < json.length(); cut += 7) {
            bad.add(json.substring(0, cut));
        }
        bad.add("null");
        bad.add("{}");
        bad.add("[]");
        bad.add("{\"version\":1}");
        bad.add(json.replace("\"d1\":{", "\"d1\":null,\"x\":{"));
        bad.add(json.replaceFirst("\"domains\":\\{.*\\}\\}$", "\"domains\":{\"d0\":null,\"d1\":null}}"));
        bad.add(json.replace("\"weights\":{", "\"weights\":{\"zz\":null,"));
        bad.add(json.replace("\"batchSize\":3", "\"batchSize\":-3"));
        bad.add(json.replace("\"batchSize\":3", "\"batchSize\":\"x\""));
        bad.add(json.replace("\"offset\":", "\"offset\":-"));
        bad.add(json.replace("\"credit\":", "\"credit\":99999999999"));
        bad.add(json.replace("\"credit\":", "\"credit\":-99999999999"));
        bad.add(json.replace("\"batches\":3", "\"batches\":4"));
        bad.add(json.replace("\"batches\":3", "\"batches\":9223372036854775807"));
        bad.add(json.replace("\"totalItems\":", "\"totalItems\":1"));
        bad.add(json.replace("\"epochItems\":", "\"epochItems\":1"));
        bad.add(json.replace("\"batches\":3", "\"batches\":4"));
        bad.add(json.replace("\"batches\":3", "\"batches\":9223372036854775807"));
        bad.add(json.replace("\"totalItems\":", "\"totalItems\":1"));
        bad.add(json.replace("\"epochItems\":", "\"epochItems\":1"));
        for (String s : bad) {
            try {
                SamplerState st = SamplerState.fromJson(s);
                MixtureSampler r = MixtureSampler.resume(d, st);
                ids(r, 5);
                throw new AssertionError("accepted a corrupted state: " + s);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("for " + s + ": " + e, e);
            }
        }
        assertThatThrownBy(() -> SamplerState.fromJson(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedSameOrderOtherSeedOtherOrder() {
        Map<String, Dataset> d = data(50, 70);
        Map<String, Double> w = Map.of("d0", 0.4, "d1", 0.6);
        List<String> a = ids(new MixtureSampler(d, SamplerConfig.of(w, 8, 1)), 20);
        List<String> b = ids(new MixtureSampler(d, SamplerConfig.of(w, 8, 1)), 20);
        List<String> c = ids(new MixtureSampler(d, SamplerConfig.of(w, 8, 2)), 20);
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }
}
