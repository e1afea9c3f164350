package io.modomodo.domains.sampler;

import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws batches from several datasets by mixture weights.
 *
 * <p>Proportions: weights are held exactly as integers in units of 1/{@link #QUANTUM}. In every batch of size
 * B each domain gets ⌊B·w⌋ or ⌈B·w⌉ items (largest remainder): the fractional parts are carried across
 * batches as credits, and the spare seats of a batch go to the domains with the largest credit, ties broken
 * at random. So every batch is as close to the weights as integers allow and the cumulative count of each
 * domain after n batches never differs from n·B·w by more than about one item. Zero-weight domains never
 * appear. Positions within a batch are shuffled.
 *
 * <p>Items: each domain is read in a fresh seeded random order per pass over its dataset.
 *
 * <p>Position: {@link #state()} is a small record (JSON via {@link SamplerState#toJson()}); a sampler built
 * with {@link #resume(Map, SamplerState)} continues with exactly the items the original would have drawn.
 * Not thread-safe: one sampler per training job.
 *
 * <pre>{@code
 * TaskSuite suite = new TaskSuite(42);
 * Map<String, Dataset> data = Map.of("count", suite.dataset("count", Split.TRAIN, 10_000),
 *                                    "ground", suite.dataset("ground", Split.TRAIN, 10_000));
 * MixtureSampler sampler = new MixtureSampler(data, SamplerConfig.of(Map.of("count", 0.7, "ground", 0.3), 32, 7));
 * Batch batch = sampler.next();
 * String saved = sampler.state().toJson();           // checkpoint it with the model
 * MixtureSampler resumed = MixtureSampler.resume(data, SamplerState.fromJson(saved));
 * }</pre>
 */
public final class MixtureSampler {

    /** Weights are held in units of 1/QUANTUM. */
    public static final long QUANTUM = 1_000_000_000L;

    private final SamplerConfig config;
    private final String[] domains;
    private final Dataset[] datasets;
    private final long[] base;
    private final long[] frac;
    private final int spare;
    private final long batchesPerEpoch;
    private final IndexPermutation[] orders;

    private long batches;
    private final long[] credit;
    private final long[] pass;
    private final long[] offset;
    private final long[] epochItems;
    private final long[] totalItems;

    /**
     * A sampler at the start.
     *
     * @param datasets datasets by domain; every positive-weight domain needs a non-empty one, others are ignored
     * @throws IllegalArgumentException when a positive-weight domain has no dataset or an empty one
     */
    public MixtureSampler(Map<String, ? extends Dataset> datasets, SamplerConfig config) {
        this.config = config;
        List<String> active = new ArrayList<>();
        config.weights().forEach((d, w) -> {
            if (w > 0) {
                active.add(d);
            }
        });
        int m = active.size();
        this.domains = active.toArray(new String[0]);
        this.datasets = new Dataset[m];
        long items = 0;
        for (int i = 0; i < m; i++) {
            Dataset ds = datasets.get(domains[i]);
            if (ds == null) {
                throw new IllegalArgumentException("domain '" + domains[i] + "' has weight "
                        + config.weights().get(domains[i]) + " but no dataset");
            }
            if (ds.size() < 1) {
                throw new IllegalArgumentException("dataset of domain '" + domains[i] + "' is empty");
            }
            this.datasets[i] = ds;
            items += ds.size();
        }
        long[] units = quantise(active, config.weights(), config.seed());
        this.base = new long[m];
        this.frac = new long[m];
        long spareUnits = 0;
        for (int i = 0; i < m; i++) {
            long b = config.batchSize() * units[i];
            base[i] = b / QUANTUM;
            frac[i] = b % QUANTUM;
            spareUnits += frac[i];
        }
        this.spare = (int) (spareUnits / QUANTUM);
        this.batchesPerEpoch = config.batchesPerEpoch() > 0 ? config.batchesPerEpoch()
                : Math.max(1, (items + config.batchSize() - 1) / config.batchSize());
        this.orders = new IndexPermutation[m];
        this.credit = new long[m];
        this.pass = new long[m];
        this.offset = new long[m];
        this.epochItems = new long[m];
        this.totalItems = new long[m];
    }

    /**
     * A sampler at a saved position.
     *
     * @throws IllegalArgumentException when the datasets do not match the ones the state was saved with
     */
    public static MixtureSampler resume(Map<String, ? extends Dataset> datasets, SamplerState state) {
        MixtureSampler s = new MixtureSampler(datasets, state.config());
        if (!state.domains().keySet().equals(new java.util.TreeSet<>(Arrays.asList(s.domains)))) {
            throw new IllegalArgumentException("sampler state has domains " + state.domains().keySet()
                    + " but its weights name " + Arrays.toString(s.domains));
        }
        for (int i = 0; i < s.domains.length; i++) {
            SamplerState.DomainPosition p = state.domains().get(s.domains[i]);
            if (p == null) {
                throw new IllegalArgumentException("sampler state has no position for domain '" + s.domains[i] + "'");
            }
            if (p.size() != s.datasets[i].size()) {
                throw new IllegalArgumentException("dataset of domain '" + s.domains[i] + "' has "
                        + s.datasets[i].size() + " items but the state was saved with " + p.size());
            }
            if (p.offset() < 0 || p.offset() >= p.size() || p.pass() < 0 || p.epochItems() < 0
                    || p.totalItems() < 0 || p.epochItems() > p.totalItems()
                    || Math.abs(p.credit()) > (long) s.domains.length * QUANTUM) {
                throw new IllegalArgumentException("sampler state of domain '" + s.domains[i] + "' is invalid: " + p);
            }
            s.credit[i] = p.credit();
            s.pass[i] = p.pass();
            s.offset[i] = p.offset();
            s.epochItems[i] = p.epochItems();
            s.totalItems[i] = p.totalItems();
        }
        // Every saved position satisfies, per domain, totalItems·QUANTUM + credit = batches·B·units exactly
        // (each batch adds B·units to the left side, as base items plus frac credit, and each extra item moves
        // QUANTUM from the credit to the count). A state edited by hand, truncated, or saved with other weights
        // or another batch size breaks it, and would otherwise resume silently with a skewed mixture.
        java.math.BigInteger q = java.math.BigInteger.valueOf(QUANTUM);
        java.math.BigInteger n = java.math.BigInteger.valueOf(state.batches());
        for (int i = 0; i < s.domains.length; i++) {
            java.math.BigInteger left = java.math.BigInteger.valueOf(s.totalItems[i]).multiply(q)
                    .add(java.math.BigInteger.valueOf(s.credit[i]));
            java.math.BigInteger right = n.multiply(java.math.BigInteger.valueOf(s.base[i]).multiply(q)
                    .add(java.math.BigInteger.valueOf(s.frac[i])));
            if (!left.equals(right)) {
                throw new IllegalArgumentException("sampler state is inconsistent for domain '" + s.domains[i]
                        + "': " + s.totalItems[i] + " items and credit " + s.credit[i] + " after "
                        + state.batches() + " batches do not match weight " + s.config.weights().get(s.domains[i])
                        + " and batch size " + s.config.batchSize() + " (edited, or saved with other weights?)");
            }
        }
        // The epoch counters hold the batches of the current epoch: all of them at a boundary, none at the start.
        long epochSum = 0;
        for (long e : s.epochItems) {
            epochSum += e; // each is at most totalItems, checked above, whose sum is batches·B: no overflow
        }
        long inEpoch = state.batches() == 0 ? 0 : (state.batches() - 1) % s.batchesPerEpoch + 1;
        if (epochSum != inEpoch * s.config.batchSize()) {
            throw new IllegalArgumentException("sampler state is inconsistent: " + epochSum + " items in the current "
                    + "epoch, expected " + inEpoch + " batches of " + s.config.batchSize());
        }
        s.batches = state.batches();
        return s;
    }

    /**
     * Largest-remainder quantisation of the (normalised) weights to integers summing to QUANTUM; equal
     * remainders (equal weights) get the spare units in a seeded random order, so no domain is favoured.
     */
    private static long[] quantise(List<String> active, Map<String, Double> weights, long seed) {
        int m = active.size();
        double sum = 0;
        for (String d : active) {
            sum += weights.get(d);
        }
        long[] units = new long[m];
        double[] rest = new double[m];
        long total = 0;
        for (int i = 0; i < m; i++) {
            double exact = weights.get(active.get(i)) / sum * QUANTUM;
            units[i] = (long) Math.floor(exact);
            rest[i] = exact - units[i];
            total += units[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(seed));
        order.sort((a, b) -> Long.compare(Math.round(rest[b] * 1e6), Math.round(rest[a] * 1e6)));
        for (int k = 0; total < QUANTUM; k = (k + 1) % m) {
            units[order.get(k)]++;
            total++;
        }
        return units;
    }

    /** The configuration. */
    public SamplerConfig config() {
        return config;
    }

    /** Batches drawn so far. */
    public long batchesDrawn() {
        return batches;
    }

    /** Batches per sampler epoch. */
    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The epoch of the last batch drawn (0 before the first). */
    public long epoch() {
        return batches == 0 ? 0 : (batches - 1) / batchesPerEpoch;
    }

    /** The next batch. */
    public Batch next() {
        long n = batches;
        int m = domains.length;
        if (n > 0 && n % batchesPerEpoch == 0) {
            Arrays.fill(epochItems, 0);
        }
        SplittableRandom rng = new SplittableRandom(IndexPermutation.mix(config.seed() ^ IndexPermutation.mix(n
                + 0x6A09E667F3BCC909L)));
        long[] counts = base.clone();
        for (int i = 0; i < m; i++) {
            credit[i] += frac[i];
        }
        if (spare > 0) {
            List<Integer> eligible = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (frac[i] > 0) {
                    eligible.add(i);
                }
            }
            // Random tie-break: shuffle first, then a stable sort by credit.
            Collections.shuffle(eligible, new java.util.Random(rng.nextLong()));
            eligible.sort((a, b) -> Long.compare(credit[b], credit[a]));
            for (int k = 0; k < spare; k++) {
                int i = eligible.get(k);
                counts[i]++;
                credit[i] -= QUANTUM;
            }
        }
        int size = config.batchSize();
        int[] slots = new int[size];
        int p = 0;
        for (int i = 0; i < m; i++) {
            for (long c = 0; c < counts[i]; c++) {
                slots[p++] = i;
            }
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = slots[i];
            slots[i] = slots[j];
            slots[j] = t;
        }
        List<Item> items = new ArrayList<>(size);
        List<String> names = new ArrayList<>(size);
        for (int slot : slots) {
            items.add(take(slot));
            names.add(domains[slot]);
        }
        Map<String, Integer> batchCounts = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            batchCounts.put(domains[i], (int) counts[i]);
            epochItems[i] += counts[i];
            totalItems[i] += counts[i];
        }
        batches++;
        return new Batch(n, n / batchesPerEpoch, items, names, batchCounts, batches % batchesPerEpoch == 0);
    }

    private Item take(int i) {
        IndexPermutation order = orders[i];
        if (order == null || offset[i] == 0) {
            long key = IndexPermutation.mix(config.seed() ^ IndexPermutation.mix(domains[i].hashCode() * 31L + pass[i]));
            order = new IndexPermutation(datasets[i].size(), key);
            orders[i] = order;
        }
        Item item = datasets[i].get(order.apply(offset[i]));
        if (++offset[i] == datasets[i].size()) {
            offset[i] = 0;
            pass[i]++;
        }
        return item;
    }

    /** Items per domain drawn in the current epoch, including the last batch. */
    public Map<String, Long> epochCounts() {
        return counts(epochItems);
    }

    /** Items per domain drawn since the start. */
    public Map<String, Long> totalCounts() {
        return counts(totalItems);
    }

    private Map<String, Long> counts(long[] values) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < domains.length; i++) {
            out.put(domains[i], values[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** The current position; resuming from it continues exactly where this sampler stands. */
    public SamplerState state() {
        Map<String, SamplerState.DomainPosition> positions = new LinkedHashMap<>();
        for (int i = 0; i < domains.length; i++) {
            positions.put(domains[i], new SamplerState.DomainPosition(datasets[i].size(), credit[i], pass[i],
                    offset[i], epochItems[i], totalItems[i]));
        }
        return new SamplerState(SamplerState.VERSION, config, batches, positions);
    }
}
