package io.modomodo.domains.suite;

import io.modomodo.domains.Dataset;
import io.modomodo.domains.Item;
import io.modomodo.domains.ItemImage;
import io.modomodo.domains.scene.Scene;
import io.modomodo.domains.scene.SceneRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The built-in multimodal task suite. Items are pure functions of (domain, split, index, seed, difficulty):
 * the same arguments give byte-identical items on every machine. Immutable and thread-safe.
 *
 * <pre>{@code
 * TaskSuite suite = new TaskSuite(42);
 * Item item = suite.item("count", Split.TRAIN, 0);
 * Dataset train = suite.dataset("spatial", Split.TRAIN, 10_000);
 * TaskSuite harder = suite.withDifficulty("count", suite.difficulty("count").withObjects(4, 8));
 * }</pre>
 */
public final class TaskSuite {

    /** The training domains, in a fixed order. */
    public static final List<String> TRAINING_DOMAINS = List.of("count", "ground", "attribute", "spatial", "arith");
    /** The out-of-distribution benchmarks, in a fixed order. */
    public static final List<String> BENCHMARKS = List.of("ood-count-relation", "ood-ground-relation", "ood-compare",
            "ood-attribute-relation");

    private static final int MAX_ATTEMPTS = 20_000;

    private final long seed;
    private final Map<String, Task> tasks;
    private final Map<String, Difficulty> difficulties;

    /** The suite with every domain at its default difficulty. */
    public TaskSuite(long seed) {
        this(seed, defaults());
    }

    private TaskSuite(long seed, Map<String, Difficulty> difficulties) {
        this.seed = seed;
        Map<String, Task> byName = new LinkedHashMap<>();
        for (Task t : Tasks.all()) {
            byName.put(t.name(), t);
        }
        this.tasks = Collections.unmodifiableMap(byName);
        this.difficulties = Collections.unmodifiableMap(new LinkedHashMap<>(difficulties));
    }

    private static Map<String, Difficulty> defaults() {
        Map<String, Difficulty> d = new LinkedHashMap<>();
        for (Task t : Tasks.all()) {
            d.put(t.name(), t.defaultDifficulty());
        }
        return d;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Every domain and benchmark name. */
    public List<String> domains() {
        return List.copyOf(tasks.keySet());
    }

    /** The difficulty of a domain. */
    public Difficulty difficulty(String domain) {
        task(domain);
        return difficulties.get(domain);
    }

    /** A suite equal to this one but for the difficulty of one domain. */
    public TaskSuite withDifficulty(String domain, Difficulty difficulty) {
        task(domain);
        Map<String, Difficulty> d = new LinkedHashMap<>(difficulties);
        d.put(domain, java.util.Objects.requireNonNull(difficulty, "difficulty"));
        return new TaskSuite(seed, d);
    }

    /** The item at (domain, split, index). */
    public Item item(String domain, Split split, long index) {
        return generate(domain, split, index).item();
    }

    /**
     * The item at (domain, split, index) with its scene graph, structured question and reasoning.
     *
     * @throws IllegalArgumentException for an unknown domain, a null split or a negative index
     */
    public GeneratedItem generate(String domain, Split split, long index) {
        Task task = task(domain);
        requireSplit(split);
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        Difficulty d = difficulties.get(domain);
        SplittableRandom rng = new SplittableRandom(streamSeed(domain, split, index));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Scene scene = task.scene(rng, d);
            if (Split.of(scene) != split) {
                continue;
            }
            Task.Draft draft = task.pose(scene, rng, d);
            if (draft == null) {
                continue;
            }
            ItemImage image = ItemImage.png(SceneRenderer.png(scene), scene.width(), scene.height());
            String id = domain + "/" + split.word() + "/" + seed + "/" + index;
            Item item = new Item(id, domain, image, draft.prompt(), draft.answer(), draft.verifier(), draft.params());
            return new GeneratedItem(item, split, index, scene, draft.query(), draft.reasoning());
        }
        throw new IllegalStateException("no " + domain + " item found in " + MAX_ATTEMPTS
                + " scenes at difficulty " + d + "; make it easier");
    }

    /** A warm-start example: the item and a well-formed target response with its gold answer. */
    public WarmStartExample warmStart(String domain, Split split, long index) {
        GeneratedItem g = generate(domain, split, index);
        return new WarmStartExample(g.item(), g.targetResponse());
    }

    /** {@code count} warm-start examples per domain of the list, indices 0.., interleaved by domain. */
    public List<WarmStartExample> warmStartSet(List<String> domains, Split split, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        domains.forEach(this::task);
        requireSplit(split);
        List<WarmStartExample> out = new ArrayList<>(domains.size() * count);
        for (int i = 0; i < count; i++) {
            for (String domain : domains) {
                out.add(warmStart(domain, split, i));
            }
        }
        return out;
    }

    /** The first {@code size} items of (domain, split) as a dataset; items are generated on demand. */
    public Dataset dataset(String domain, Split split, long size) {
        task(domain);
        requireSplit(split);
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
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
                if (index < 0 || index >= size) {
                    throw new IndexOutOfBoundsException("index " + index + " outside 0.." + (size - 1));
                }
                return item(domain, split, index);
            }
        };
    }

    /** The first {@code size} items of each listed domain's split, keyed by domain, in list order. */
    public Map<String, Dataset> datasets(List<String> domains, Split split, long size) {
        Map<String, Dataset> out = new LinkedHashMap<>();
        for (String domain : domains) {
            out.put(domain, dataset(domain, split, size));
        }
        return Collections.unmodifiableMap(out);
    }

    private static void requireSplit(Split split) {
        if (split == null) {
            throw new IllegalArgumentException("split must be one of " + java.util.Arrays.toString(Split.values()));
        }
    }

    private Task task(String domain) {
        Task t = tasks.get(domain);
        if (t == null) {
            throw new IllegalArgumentException("unknown domain '" + domain + "'; known: " + tasks.keySet());
        }
        return t;
    }

    private long streamSeed(String domain, Split split, long index) {
        long h = mix(seed ^ 0x243F6A8885A308D3L);
        h = mix(h ^ (0x13198A2E03707344L * (split.ordinal() + 1)));
        h = mix(h ^ domain.hashCode());
        return mix(h ^ index);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
