package io.modomodo.domains.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import io.modomodo.domains.ItemImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MixtureSamplerTest {

    private static final ItemImage PIXEL = ItemImage.png(new byte[] {1}, 1, 1);

    /** A cheap dataset whose items name their domain and index. */
    static Dataset synthetic(String domain, long size) {
        return new Dataset() {
            @Override
            public String domain() {
                return domain;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public Item get(long index) {
                return new Item(domain + "#" + index, domain, PIXEL, "q", "1", "number", Map.of());
            }
        };
    }

    static Map<String, Dataset> data(long... sizes) {
        Map<String, Dataset> m = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            String d = "d" + i;
            m.put(d, synthetic(d, sizes[i]));
        }
        return m;
    }

    @Test
    void everyBatchIsWithinOneOfTheExactShareAndTheLongRunIsExact() {
        Random random = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            int m = 2 + random.nextInt(6);
            double[] raw = new double[m];
            double sum = 0;
            for (int i = 0; i < m; i++) {
                raw[i] = random.nextInt(4) == 0 ? 0 : random.nextDouble();
                sum += raw[i];
            }
            if (sum == 0) {
                continue;
            }
            Map<String, Double> weights = new HashMap<>();
            long[] sizes = new long[m];
            for (int i = 0; i < m; i++) {
                weights.put("d" + i, raw[i] / sum);
                sizes[i] = 1 + random.nextInt(500);
            }
            int batchSize = 1 + random.nextInt(40);
            MixtureSampler sampler = new MixtureSampler(data(sizes), SamplerConfig.of(weights, batchSize, trial));
            Map<String, Long> cumulative = new HashMap<>();
            int batches = 2000;
            for (int n = 1; n <= batches; n++) {
                Batch batch = sampler.next();
                assertThat(batch.items()).hasSize(batchSize);
                for (Map.Entry<String, Double> w : weights.entrySet()) {
                    int c = batch.counts().getOrDefault(w.getKey(), 0);
                    double exact = batchSize * w.getValue();
                    assertThat(c).as("batch count of %s", w.getKey())
                            .isBetween((int) Math.floor(exact + 1e-9), (int) Math.ceil(exact - 1e-9));
                    long total = cumulative.merge(w.getKey(), (long) c, Long::sum);
                    assertThat(Math.abs(total - n * exact)).as("drift of %s after %d", w.getKey(), n)
                            .isLessThan(2.0);
                }
                for (int k = 0; k < batch.items().size(); k++) {
                    assertThat(batch.items().get(k).domain()).isEqualTo(batch.domains().get(k));
                    assertThat(weights.get(batch.domains().get(k))).isPositive();
                }
            }
        }
    }

    @Test
    void typicalMixtureMatchesWeightsExactlyOverManyBatches() {
        Map<String, Double> w = Map.of("d0", 0.5, "d1", 0.3, "d2", 0.2, "d3", 0.0);
        MixtureSampler s = new MixtureSampler(data(100, 100, 100, 100), SamplerConfig.of(w, 7, 1));
        for (int n = 0; n < 1000; n++) {
            Batch b = s.next();
            assertThat(b.counts()).doesNotContainKey("d3");
            assertThat(b.domains()).doesNotContain("d3");
        }
        assertThat(s.totalCounts()).containsEntry("d0", 3500L).containsEntry("d1", 2100L).containsEntry("d2", 1400L);
    }

    @Test
    void tiesAreBrokenAtRandomNotAlwaysTheSameDomain() {
        // Three equal weights and batches of one: each domain must lead sometimes.
        Map<String, Double> w = Map.of("d0", 1 / 3.0, "d1", 1 / 3.0, "d2", 1 / 3.0);
        Set<String> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            firsts.add(new MixtureSampler(data(5, 5, 5), SamplerConfig.of(w, 1, seed)).next().domains().get(0));
        }
        assertThat(firsts).containsExactlyInAnyOrder("d0", "d1", "d2");
    }

    @Test
    void readsEachDatasetInAFreshPermutationPerPass() {
        MixtureSampler s = new MixtureSampler(data(37), SamplerConfig.of(Map.of("d0", 1.0), 37, 3));
        List<String> first = ids(s.next());
        List<String> second = ids(s.next());
        assertThat(new HashSet<>(first)).hasSize(37);
        assertThat(new HashSet<>(second)).isEqualTo(new HashSet<>(first));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void sameSeedSameSequenceOtherSeedOtherSequence() {
        Map<String, Double> w = Map.of("d0", 0.6, "d1", 0.4);
        List<String> a = drain(new MixtureSampler(data(50, 70), SamplerConfig.of(w, 8, 9)), 20);
        List<String> b = drain(new MixtureSampler(data(50, 70), SamplerConfig.of(w, 8, 9)), 20);
        List<String> c = drain(new MixtureSampler(data(50, 70), SamplerConfig.of(w, 8, 10)), 20);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void resumesMidEpochWithExactlyTheSameItems() {
        Map<String, Double> w = Map.of("d0", 0.45, "d1", 0.35, "d2", 0.2);
        Map<String, Dataset> datasets = data(23, 41, 9);
        SamplerConfig config = new SamplerConfig(w, 6, 77, 10);
        List<String> uninterrupted = drain(new MixtureSampler(datasets, config), 60);

        MixtureSampler first = new MixtureSampler(datasets, config);
        List<String> resumed = new ArrayList<>(drain(first, 27));
        String json = first.state().toJson();
        MixtureSampler second = MixtureSampler.resume(datasets, SamplerState.fromJson(json));
        assertThat(second.epochCounts()).isEqualTo(first.epochCounts());
        assertThat(second.totalCounts()).isEqualTo(first.totalCounts());
        resumed.addAll(drain(second, 33));
        assertThat(resumed).isEqualTo(uninterrupted);
        assertThat(json.length()).isLessThan(1000);
    }

    @Test
    void reportsStatisticsPerBatchAndPerEpoch() {
        Map<String, Double> w = Map.of("d0", 0.75, "d1", 0.25);
        MixtureSampler s = new MixtureSampler(data(10, 10), new SamplerConfig(w, 4, 1, 3));
        Batch last = null;
        for (int i = 0; i < 3; i++) {
            last = s.next();
            assertThat(last.counts()).containsEntry("d0", 3).containsEntry("d1", 1);
            assertThat(last.epoch()).isZero();
        }
        assertThat(last.endsEpoch()).isTrue();
        assertThat(s.epochCounts()).containsEntry("d0", 9L).containsEntry("d1", 3L);
        Batch next = s.next();
        assertThat(next.epoch()).isEqualTo(1);
        assertThat(next.endsEpoch()).isFalse();
        assertThat(s.epochCounts()).containsEntry("d0", 3L).containsEntry("d1", 1L);
        assertThat(s.totalCounts()).containsEntry("d0", 12L).containsEntry("d1", 4L);
    }

    @Test
    void defaultEpochDrawsAsManyItemsAsTheDatasetsHold() {
        MixtureSampler s = new MixtureSampler(data(30, 50), SamplerConfig.of(Map.of("d0", 0.5, "d1", 0.5), 16, 1));
        assertThat(s.batchesPerEpoch()).isEqualTo(5);
    }

    @Test
    void refusesBadWeightsWithAClearMessage() {
        Map<String, Dataset> d = data(5, 5);
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("d0", 1.2, "d1", -0.2), 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights.d1 must not be negative");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("d0", 0.5, "d1", 0.4), 4, 1))
                .hasMessageContaining("must sum to 1").hasMessageContaining("0.9");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("d0", Double.NaN), 4, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of(), 4, 1)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SamplerConfig.of(Map.of("d0", 1.0), 0, 1)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new MixtureSampler(d, SamplerConfig.of(Map.of("d0", 0.5, "x", 0.5), 4, 1)))
                .hasMessageContaining("domain 'x'").hasMessageContaining("no dataset");
        // Within tolerance is accepted.
        new MixtureSampler(d, SamplerConfig.of(Map.of("d0", 0.5, "d1", 0.5 + 5e-7), 4, 1)).next();
    }

    @Test
    void refusesToResumeOnOtherDatasetsOrAGarbledState() {
        SamplerConfig config = SamplerConfig.of(Map.of("d0", 1.0), 4, 1);
        MixtureSampler s = new MixtureSampler(data(10), config);
        s.next();
        SamplerState state = s.state();
        assertThatThrownBy(() -> MixtureSampler.resume(data(11), state))
                .hasMessageContaining("has 11 items but the state was saved with 10");
        assertThatThrownBy(() -> SamplerState.fromJson("{not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid sampler state");
        assertThatThrownBy(() -> SamplerState.fromJson(state.toJson().replace("\"version\":1", "\"version\":9")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }

    private static List<String> ids(Batch b) {
        List<String> out = new ArrayList<>();
        b.items().forEach(i -> out.add(i.id()));
        return out;
    }

    private static List<String> drain(MixtureSampler s, int batches) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            out.addAll(ids(s.next()));
        }
        return out;
    }

    @Test
    void permutationIsABijectionForAnySize() {
        for (long n = 1; n < 300; n += 7) {
            IndexPermutation p = new IndexPermutation(n, n * 31);
            Set<Long> seen = new HashSet<>();
            for (long i = 0; i < n; i++) {
                long v = p.apply(i);
                assertThat(v).isBetween(0L, n - 1);
                seen.add(v);
            }
            assertThat(seen).hasSize((int) n);
        }
    }
}
