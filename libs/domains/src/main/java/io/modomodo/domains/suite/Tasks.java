package io.modomodo.domains.suite;

import io.modomodo.domains.Verifiers;
import io.modomodo.domains.scene.Colour;
import io.modomodo.domains.scene.Relation;
import io.modomodo.domains.scene.Scene;
import io.modomodo.domains.scene.SceneGenerator;
import io.modomodo.domains.scene.SceneObject;
import io.modomodo.domains.scene.Shape;
import io.modomodo.domains.scene.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The built-in domains and benchmarks. */
final class Tasks {

    private Tasks() {
    }

    static List<Task> all() {
        return List.of(new CountTask(), new GroundTask(), new AttributeTask(), new SpatialTask(), new ArithTask(),
                new CountRelationTask(), new GroundRelationTask(), new CompareTask(), new AttributeRelationTask());
    }

    // ---------------------------------------------------------------- helpers

    static int between(RandomGenerator rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    static Scene shapeScene(RandomGenerator rng, Difficulty d) {
        return SceneGenerator.shapes(rng, d.width(), d.height(), between(rng, d.minObjects(), d.maxObjects()),
                Colour.PALETTE.subList(0, d.colours()), Shape.GEOMETRIC.subList(0, d.shapes()));
    }

    /** Relations need two objects: a difficulty asking for fewer is raised to two. */
    static Difficulty atLeastTwo(Difficulty d) {
        return d.minObjects() >= 2 ? d : d.withObjects(2, Math.max(2, d.maxObjects()));
    }

    static SceneObject pick(RandomGenerator rng, Scene scene) {
        return scene.objects().get(rng.nextInt(scene.objects().size()));
    }

    /**
     * A ref that matches only the target, with as few attributes as possible (a random one among equals),
     * never naming the excluded property; null when there is none.
     */
    static Ref uniqueRef(Scene scene, SceneObject target, Query.Property exclude, RandomGenerator rng) {
        List<Ref> best = new ArrayList<>();
        int bestSize = Integer.MAX_VALUE;
        for (int mask = 1; mask < 8; mask++) {
            Size size = (mask & 1) != 0 ? target.size() : null;
            Colour colour = (mask & 2) != 0 ? target.colour() : null;
            Shape shape = (mask & 4) != 0 ? target.shape() : null;
            if (size != null && colour == null && shape == null) {
                continue; // "the small object" reads poorly
            }
            if (exclude == Query.Property.COLOUR && colour != null || exclude == Query.Property.SHAPE && shape != null) {
                continue;
            }
            Ref ref = new Ref(size, colour, shape);
            int matches = 0;
            for (SceneObject o : scene.objects()) {
                if (ref.matches(o)) {
                    matches++;
                }
            }
            if (matches != 1) {
                continue;
            }
            if (ref.attributes() < bestSize) {
                best.clear();
                bestSize = ref.attributes();
            }
            if (ref.attributes() == bestSize) {
                best.add(ref);
            }
        }
        return best.isEmpty() ? null : best.get(rng.nextInt(best.size()));
    }

    /** Four options: the gold and three others from the pool, in random order. */
    static List<String> options(RandomGenerator rng, String gold, List<String> pool) {
        List<String> others = new ArrayList<>(pool);
        others.remove(gold);
        List<String> options = new ArrayList<>(4);
        options.add(gold);
        while (options.size() < 4) {
            options.add(others.remove(rng.nextInt(others.size())));
        }
        for (int i = options.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = options.get(i);
            options.set(i, options.get(j));
            options.set(j, t);
        }
        return List.copyOf(options);
    }

    static String letter(int index) {
        return String.valueOf((char) ('A' + index));
    }

    static String optionsText(List<String> options) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            sb.append(' ').append(letter(i)).append(". ").append(options.get(i));
        }
        return sb.toString();
    }

    static Map<String, Object> optionParams(List<String> options) {
        Map<String, Object> letters = new LinkedHashMap<>();
        for (int i = 0; i < options.size(); i++) {
            letters.put(letter(i), options.get(i));
        }
        return Map.of(Verifiers.OPTIONS, java.util.Collections.unmodifiableMap(letters));
    }

    static Map<String, Object> boxParams(Scene scene) {
        return Map.of(Verifiers.IMAGE_SIZE, List.of(scene.width(), scene.height()));
    }

    static String word(SceneObject o, Query.Property property) {
        return property == Query.Property.COLOUR ? o.colour().word() : o.shape().word();
    }

    static List<String> pool(Query.Property property) {
        List<String> pool = new ArrayList<>();
        if (property == Query.Property.COLOUR) {
            Colour.PALETTE.forEach(c -> pool.add(c.word()));
        } else {
            Shape.GEOMETRIC.forEach(s -> pool.add(s.word()));
        }
        return pool;
    }

    static String question(Query.Property property) {
        return property == Query.Property.COLOUR ? "What colour is " : "What shape is ";
    }

    /** The objects other than the anchor that stand in the relation to it. */
    static List<SceneObject> related(Scene scene, SceneObject anchor, Relation relation) {
        List<SceneObject> out = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            if (o != anchor && relation.holds(o, anchor)) {
                out.add(o);
            }
        }
        return out;
    }

    /** Colour and shape of an object, e.g. {@code green circle}: the think text of the grounding tasks. */
    static String objectName(SceneObject o) {
        return o.colour().word() + " " + o.shape().word();
    }

    // ---------------------------------------------------------------- training domains

    static final class CountTask implements Task {
        @Override
        public String name() {
            return "count";
        }

        @Override
        public Difficulty defaultDifficulty() {
            return new Difficulty(1, 5, 64, 64, 4, 3, 9);
        }

        @Override
        public Scene scene(RandomGenerator rng, Difficulty d) {
            return shapeScene(rng, d);
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            SceneObject seed = pick(rng, scene);
            // Now and then ask for a kind that may be absent, so that 0 is a possible answer.
            Colour colour = rng.nextInt(8) == 0 ? Colour.PALETTE.get(rng.nextInt(d.colours())) : seed.colour();
            Shape shape = rng.nextInt(8) == 0 ? Shape.GEOMETRIC.get(rng.nextInt(d.shapes())) : seed.shape();
            int kind = rng.nextInt(4);
            Filter filter = new Filter(kind == 1 || kind == 3 ? colour : null, kind == 2 || kind == 3 ? shape : null);
            int n = filter.count(scene);
            return new Draft(new Query.Count(filter), "How many " + filter.plural() + " are there?",
                    Integer.toString(n), Verifiers.NUMBER, Map.of(), Integer.toString(n));
        }
    }

    static final class GroundTask implements Task {
        @Override
        public String name() {
            return "ground";
        }

        @Override
        public Difficulty defaultDifficulty() {
            return new Difficulty(1, 2, 64, 64, 4, 3, 9);
        }

        @Override
        public Scene scene(RandomGenerator rng, Difficulty d) {
            return shapeScene(rng, d);
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            SceneObject target = pick(rng, scene);
            Ref ref = uniqueRef(scene, target, null, rng);
            if (ref == null) {
                return null;
            }
            return new Draft(new Query.Ground(ref), "What is the box of " + ref.phrase() + "?",
                    target.box().toAnswer(), Verifiers.IOU, boxParams(scene), objectName(target));
        }
    }

    static final class AttributeTask implements Task {
        @Override
        public String name() {
            return "attribute";
        }

        @Override
        public Difficulty defaultDifficulty() {
            return new Difficulty(1, 4, 64, 64, 4, 4, 9);
        }

        @Override
        public Scene scene(RandomGenerator rng, Difficulty d) {
            return shapeScene(rng, d);
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            SceneObject target = pick(rng, scene);
            Query.Property property = rng.nextBoolean() ? Query.Property.COLOUR : Query.Property.SHAPE;
            Ref ref = uniqueRef(scene, target, property, rng);
            if (ref == null) {
                return null;
            }
            String gold = word(target, property);
            List<String> options = options(rng, gold, pool(property));
            String answer = letter(options.indexOf(gold));
            return new Draft(new Query.Attribute(ref, property, options),
                    question(property) + ref.phrase() + "?" + optionsText(options), answer, Verifiers.CHOICE,
                    optionParams(options), gold);
        }
    }

    static final class SpatialTask implements Task {
        @Override
        public String name() {
            return "spatial";
        }

        @Override
        public Difficulty defaultDifficulty() {
            return new Difficulty(2, 4, 64, 64, 4, 3, 9);
        }

        @Override
        public Scene scene(RandomGenerator rng, Difficulty d) {
            return shapeScene(rng, atLeastTwo(d));
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            if (scene.objects().size() < 2) {
                return null;
            }
            List<SceneObject> objects = scene.objects();
            int i = rng.nextInt(objects.size());
            int j = rng.nextInt(objects.size() - 1);
            if (j >= i) {
                j++;
            }
            SceneObject a = objects.get(i);
            SceneObject b = objects.get(j);
            Ref ra = uniqueRef(scene, a, null, rng);
            Ref rb = uniqueRef(scene, b, null, rng);
            if (ra == null || rb == null) {
                return null;
            }
            List<Relation> holding = new ArrayList<>();
            List<Relation> failing = new ArrayList<>();
            for (Relation r : Relation.values()) {
                (r.holds(a, b) ? holding : failing).add(r);
            }
            String pa = ra.phrase();
            String pb = rb.phrase();
            if (rng.nextBoolean()) {
                if (holding.size() != 1) {
                    return null;
                }
                List<String> pool = new ArrayList<>();
                for (Relation r : Relation.values()) {
                    pool.add(r.word());
                }
                String gold = holding.get(0).word();
                List<String> options = options(rng, gold, pool);
                return new Draft(new Query.SpatialChoice(ra, rb, options),
                        "Where is " + pa + " relative to " + pb + "?" + optionsText(options),
                        letter(options.indexOf(gold)), Verifiers.CHOICE, optionParams(options), gold);
            }
            boolean yes = rng.nextBoolean();
            List<Relation> from = yes ? holding : failing;
            Relation r = from.get(rng.nextInt(from.size()));
            return new Draft(new Query.SpatialYesNo(ra, rb, r), "Is " + pa + " " + r.phrase() + " " + pb + "?",
                    yes ? "yes" : "no", Verifiers.YES_NO, Map.of(), (yes ? "" : "not ") + r.word());
        }
    }

    static final class ArithTask implements Task {
        @Override
        public String name() {
            return "arith";
        }

        @Override
        public Difficulty defaultDifficulty() {
            return new Difficulty(2, 3, 64, 64, 4, 3, 5);
        }

        @Override
        public Scene scene(RandomGenerator rng, Difficulty d) {
            if (rng.nextBoolean()) {
                return SceneGenerator.digits(rng, d.width(), d.height(), d.maxValue());
            }
            int bars = Math.min(Math.max(2, between(rng, d.minObjects(), d.maxObjects())), Math.min(4, d.colours()));
            return SceneGenerator.bars(rng, d.width(), d.height(), bars, d.maxValue(),
                    Colour.PALETTE.subList(0, d.colours()));
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            Query.Operation op = rng.nextBoolean() ? Query.Operation.SUM : Query.Operation.DIFFERENCE;
            List<SceneObject> objects = scene.objects();
            if (objects.get(0).shape() == Shape.DIGIT) {
                int a = objects.get(0).value();
                int b = objects.get(1).value();
                if (op == Query.Operation.SUM) {
                    return new Draft(new Query.Arith(op, null, null), "What is the sum of the two digits?",
                            Integer.toString(a + b), Verifiers.NUMBER, Map.of(), a + "+" + b + "=" + (a + b));
                }
                int hi = Math.max(a, b);
                int lo = Math.min(a, b);
                return new Draft(new Query.Arith(op, null, null), "What is the larger digit minus the smaller?",
                        Integer.toString(hi - lo), Verifiers.NUMBER, Map.of(), hi + "-" + lo + "=" + (hi - lo));
            }
            int i = rng.nextInt(objects.size());
            int j = rng.nextInt(objects.size() - 1);
            if (j >= i) {
                j++;
            }
            SceneObject a = objects.get(i);
            SceneObject b = objects.get(j);
            if (op == Query.Operation.DIFFERENCE && a.value() < b.value()) {
                SceneObject t = a;
                a = b;
                b = t;
            }
            String ca = a.colour().word();
            String cb = b.colour().word();
            if (op == Query.Operation.SUM) {
                int s = a.value() + b.value();
                return new Draft(new Query.Arith(op, a.colour(), b.colour()),
                        "What is the " + ca + " bar plus the " + cb + " bar?", Integer.toString(s), Verifiers.NUMBER,
                        Map.of(), a.value() + "+" + b.value() + "=" + s);
            }
            int diff = a.value() - b.value();
            return new Draft(new Query.Arith(op, a.colour(), b.colour()),
                    "How much taller is the " + ca + " bar than the " + cb + " bar?", Integer.toString(diff),
                    Verifiers.NUMBER, Map.of(), a.value() + "-" + b.value() + "=" + diff);
        }
    }

    // ---------------------------------------------------------------- out-of-distribution benchmarks

    /** Base of the benchmarks: busier scenes than training, and never fewer than two objects. */
    abstract static class BenchmarkTask implements Task {
        @Override
        public Difficulty defaultDifficulty() {
            return new Difficulty(3, 6, 64, 64, 4, 3, 9);
        }

        @Override
        public Scene scene(RandomGenerator rng, Difficulty d) {
            return shapeScene(rng, atLeastTwo(d));
        }
    }

    static final class CountRelationTask extends BenchmarkTask {
        @Override
        public String name() {
            return "ood-count-relation";
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            SceneObject anchor = pick(rng, scene);
            Ref ref = uniqueRef(scene, anchor, null, rng);
            if (ref == null) {
                return null;
            }
            Relation r = Relation.values()[rng.nextInt(4)];
            int n = related(scene, anchor, r).size();
            return new Draft(new Query.CountRelation(r, ref),
                    "How many objects are " + r.phrase() + " " + ref.phrase() + "?", Integer.toString(n),
                    Verifiers.NUMBER, Map.of(), Integer.toString(n));
        }
    }

    static final class GroundRelationTask extends BenchmarkTask {
        @Override
        public String name() {
            return "ood-ground-relation";
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            SceneObject anchor = pick(rng, scene);
            Ref ref = uniqueRef(scene, anchor, null, rng);
            if (ref == null) {
                return null;
            }
            Relation r = Relation.values()[rng.nextInt(4)];
            List<SceneObject> found = related(scene, anchor, r);
            if (found.size() != 1) {
                return null;
            }
            SceneObject target = found.get(0);
            return new Draft(new Query.GroundRelation(r, ref),
                    "What is the box of the object " + r.phrase() + " " + ref.phrase() + "?", target.box().toAnswer(),
                    Verifiers.IOU, boxParams(scene), objectName(target));
        }
    }

    static final class CompareTask extends BenchmarkTask {
        @Override
        public String name() {
            return "ood-compare";
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            Filter first;
            Filter second;
            if (rng.nextBoolean()) {
                List<Colour> colours = Colour.PALETTE.subList(0, d.colours());
                Colour a = pick(rng, scene).colour();
                Colour b = colours.get(rng.nextInt(colours.size()));
                if (a == b) {
                    return null;
                }
                first = new Filter(a, null);
                second = new Filter(b, null);
            } else {
                List<Shape> shapes = Shape.GEOMETRIC.subList(0, d.shapes());
                Shape a = pick(rng, scene).shape();
                Shape b = shapes.get(rng.nextInt(shapes.size()));
                if (a == b) {
                    return null;
                }
                first = new Filter(null, a);
                second = new Filter(null, b);
            }
            if (rng.nextBoolean()) {
                Filter t = first;
                first = second;
                second = t;
            }
            int na = first.count(scene);
            int nb = second.count(scene);
            return new Draft(new Query.Compare(first, second),
                    "Are there more " + first.plural() + " than " + second.plural() + "?", na > nb ? "yes" : "no",
                    Verifiers.YES_NO, Map.of(), na + " vs " + nb);
        }
    }

    static final class AttributeRelationTask extends BenchmarkTask {
        @Override
        public String name() {
            return "ood-attribute-relation";
        }

        @Override
        public Draft pose(Scene scene, RandomGenerator rng, Difficulty d) {
            SceneObject anchor = pick(rng, scene);
            Ref ref = uniqueRef(scene, anchor, null, rng);
            if (ref == null) {
                return null;
            }
            Relation r = Relation.values()[rng.nextInt(4)];
            List<SceneObject> found = related(scene, anchor, r);
            if (found.size() != 1) {
                return null;
            }
            Query.Property property = rng.nextBoolean() ? Query.Property.COLOUR : Query.Property.SHAPE;
            String gold = word(found.get(0), property);
            List<String> options = options(rng, gold, pool(property));
            return new Draft(new Query.AttributeRelation(r, ref, property, options),
                    question(property) + "the object " + r.phrase() + " " + ref.phrase() + "?" + optionsText(options),
                    letter(options.indexOf(gold)), Verifiers.CHOICE, optionParams(options), gold);
        }
    }
}
