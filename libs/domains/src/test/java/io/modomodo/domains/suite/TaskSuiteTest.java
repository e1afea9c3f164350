package io.modomodo.domains.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modomodo.domains.Item;
import io.modomodo.domains.PromptTemplate;
import io.modomodo.domains.Verifiers;
import io.modomodo.domains.scene.Box;
import io.modomodo.domains.scene.Scene;
import io.modomodo.domains.scene.SceneObject;
import io.modomodo.domains.scene.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TaskSuiteTest {

    private static final List<String> ALL = new ArrayList<>();

    static {
        ALL.addAll(TaskSuite.TRAINING_DOMAINS);
        ALL.addAll(TaskSuite.BENCHMARKS);
    }

    private final TaskSuite suite = new TaskSuite(42);

    @Test
    void listsFiveTrainingDomainsAndAtLeastThreeBenchmarks() {
        assertThat(TaskSuite.TRAINING_DOMAINS).containsExactly("count", "ground", "attribute", "spatial", "arith");
        assertThat(TaskSuite.BENCHMARKS).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(b -> assertThat(b).startsWith("ood-"));
        assertThat(suite.domains()).containsExactlyInAnyOrderElementsOf(ALL);
    }

    @Test
    void itemsAreDeterministicInDomainSplitIndexAndSeed() {
        TaskSuite again = new TaskSuite(42);
        TaskSuite other = new TaskSuite(43);
        for (String domain : ALL) {
            for (Split split : Split.values()) {
                for (int i = 0; i < 5; i++) {
                    Item a = suite.item(domain, split, i);
                    assertThat(again.item(domain, split, i)).isEqualTo(a);
                    assertThat(a.id()).isEqualTo(domain + "/" + split.word() + "/42/" + i);
                    assertThat(other.item(domain, split, i).image()).isNotEqualTo(a.image());
                }
            }
        }
    }

    @Test
    void splitsNeverShareAScene() throws NoSuchAlgorithmException {
        Map<Scene, Split> sceneSplit = new HashMap<>();
        Map<ByteBuffer, Split> imageSplit = new HashMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int perSplit = 150;
        for (String domain : ALL) {
            for (Split split : Split.values()) {
                for (int i = 0; i < perSplit; i++) {
                    GeneratedItem g = suite.generate(domain, split, i);
                    assertThat(Split.of(g.scene())).isEqualTo(split);
                    Split seen = sceneSplit.putIfAbsent(g.scene().canonical(), split);
                    assertThat(seen).as("scene of %s", g.item().id()).isIn(null, split);
                    ByteBuffer digest = ByteBuffer.wrap(sha.digest(g.item().image().bytes()));
                    assertThat(imageSplit.putIfAbsent(digest, split)).as("image of %s", g.item().id())
                            .isIn(null, split);
                }
            }
        }
        // Small scenes recur within a split, which shows the check above could catch a shared one.
        assertThat(sceneSplit.size()).isLessThan(ALL.size() * 3 * perSplit);
    }

    @Test
    void answersRecomputedFromTheSceneGraphAgreeWithTheItem() {
        for (String domain : ALL) {
            for (int i = 0; i < 300; i++) {
                GeneratedItem g = suite.generate(domain, Split.TRAIN, i);
                assertThat(Solver.solve(g.scene(), g.query())).as(g.item().id() + " " + g.item().prompt())
                        .isEqualTo(g.item().answer());
            }
        }
    }

    @Test
    void itemsCarryVerifierParamsAndImageSize() throws IOException {
        for (String domain : ALL) {
            for (int i = 0; i < 40; i++) {
                GeneratedItem g = suite.generate(domain, Split.VALIDATION, i);
                Item item = g.item();
                assertThat(item.domain()).isEqualTo(domain);
                assertThat(Verifiers.isKnown(item.verifier())).isTrue();
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(item.image().bytes()));
                assertThat(img.getWidth()).isEqualTo(item.image().width()).isEqualTo(64);
                assertThat(img.getHeight()).isEqualTo(item.image().height()).isEqualTo(64);
                assertThat(item.image().mediaType()).isEqualTo("image/png");
                switch (item.verifier()) {
                    case Verifiers.CHOICE -> {
                        assertThat(item.answer()).matches("[A-D]");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> options = (Map<String, Object>) item.params().get(Verifiers.OPTIONS);
                        assertThat(options).containsOnlyKeys("A", "B", "C", "D");
                        assertThat(item.prompt()).contains(item.answer() + ". " + options.get(item.answer()));
                    }
                    case Verifiers.IOU -> {
                        assertThat(item.answer()).matches("\\[\\d+,\\d+,\\d+,\\d+\\]");
                        assertThat(item.params()).containsEntry(Verifiers.IMAGE_SIZE, List.of(64, 64));
                    }
                    case Verifiers.YES_NO -> assertThat(item.answer()).isIn("yes", "no");
                    case Verifiers.NUMBER -> assertThat(item.answer()).matches("\\d+");
                    default -> throw new AssertionError(item.verifier());
                }
                assertThat(item.instructedPrompt()).startsWith(item.prompt())
                        .endsWith(PromptTemplate.THINK_ANSWER.instruction());
            }
        }
    }

    @Test
    void answersAreSpreadNotConstant() {
        for (String domain : ALL) {
            Map<String, Integer> answers = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                answers.merge(suite.item(domain, Split.TRAIN, i).answer(), 1, Integer::sum);
            }
            int top = answers.values().stream().max(Integer::compare).orElseThrow();
            assertThat(answers.size()).as(domain + " " + answers).isGreaterThanOrEqualTo(2);
            assertThat(top).as(domain + " " + answers).isLessThan(300 * 3 / 4);
        }
    }

    @Test
    void warmStartTargetsAreWellFormedAndCarryTheGoldAnswer() {
        List<WarmStartExample> set = suite.warmStartSet(TaskSuite.TRAINING_DOMAINS, Split.TRAIN, 30);
        assertThat(set).hasSize(150);
        for (WarmStartExample ex : set) {
            assertThat(PromptTemplate.THINK_ANSWER.isWellFormed(ex.target())).as(ex.target()).isTrue();
            String answer = ex.target().substring(ex.target().indexOf("<answer>") + 8, ex.target().indexOf("</answer>"));
            assertThat(answer).isEqualTo(ex.item().answer());
            assertThat(ex.target().length()).isLessThan(120);
        }
    }

    @Test
    void warmStartThinkTextIsOneShortFactSoCompletionsStayCheap() {
        // Every think byte is a sampled and trained token; the recipe (docs/training-recipe.md) relies on it.
        List<String> all = new java.util.ArrayList<>(TaskSuite.TRAINING_DOMAINS);
        all.addAll(TaskSuite.BENCHMARKS);
        for (String domain : all) {
            for (int i = 0; i < 200; i++) {
                String target = suite.warmStart(domain, Split.TRAIN, i).target();
                String think = target.substring("<think>".length(), target.indexOf("</think>"));
                assertThat(think).as(target).isNotBlank().hasSizeLessThanOrEqualTo(16);
                assertThat(target.length()).as(target).isLessThanOrEqualTo(60);
            }
        }
        assertThat(suite.warmStart("arith", Split.TRAIN, 1).target()).matches("<think>\\d-\\d=\\d</think><answer>\\d</answer>"
                + "|<think>\\d\\+\\d=\\d+</think><answer>\\d+</answer>");
    }

    @Test
    void difficultyControlsObjectCountAndImageSize() {
        TaskSuite hard = suite.withDifficulty("count", suite.difficulty("count").withObjects(6, 8).withImageSize(96, 80));
        for (int i = 0; i < 50; i++) {
            GeneratedItem g = hard.generate("count", Split.TRAIN, i);
            assertThat(g.scene().objects().size()).isBetween(6, 8);
            assertThat(g.item().image().width()).isEqualTo(96);
            assertThat(g.item().image().height()).isEqualTo(80);
            assertThat(Solver.solve(g.scene(), g.query())).isEqualTo(g.item().answer());
        }
        TaskSuite easy = suite.withDifficulty("count", suite.difficulty("count").withObjects(1, 1));
        for (int i = 0; i < 50; i++) {
            assertThat(easy.generate("count", Split.TRAIN, i).scene().objects()).hasSize(1);
        }
        assertThat(suite.difficulty("count").maxObjects()).isEqualTo(5);
    }

    @Test
    void everyDomainStaysCorrectAcrossRandomDifficulties() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
        for (String domain : ALL) {
            for (int k = 0; k < 12; k++) {
                int min = 1 + rng.nextInt(8);
                int max = min + rng.nextInt(9 - min);
                int w = 32 + rng.nextInt(97);
                int h = 32 + rng.nextInt(97);
                Difficulty d = new Difficulty(min, max, w, h, 2 + rng.nextInt(5), 2 + rng.nextInt(3), 1 + rng.nextInt(9));
                TaskSuite tuned = suite.withDifficulty(domain, d);
                for (int i = 0; i < 4; i++) {
                    GeneratedItem g = tuned.generate(domain, Split.TRAIN, i);
                    assertThat(Solver.solve(g.scene(), g.query())).as(domain + " " + d).isEqualTo(g.item().answer());
                    assertThat(g.item().image().width()).isEqualTo(w);
                    assertThat(g.item().image().height()).isEqualTo(h);
                }
            }
        }
    }

    @Test
    void refusesUnknownDomainsAndBadDifficulty() {
        assertThatThrownBy(() -> suite.item("nope", Split.TRAIN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown domain 'nope'");
        assertThatThrownBy(() -> suite.item("count", Split.TRAIN, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Difficulty(3, 9, 64, 64, 4, 3, 9)).hasMessageContaining("maxObjects");
        assertThatThrownBy(() -> new Difficulty(1, 4, 16, 64, 4, 3, 9)).hasMessageContaining("image size");
        assertThatThrownBy(() -> Split.parse("dev")).hasMessageContaining("unknown split");
        assertThat(Split.parse("VAL")).isEqualTo(Split.VALIDATION);
    }

    @Test
    void datasetViewServesTheSameItemsAsTheSuite() {
        var ds = suite.dataset("arith", Split.TEST, 10);
        assertThat(ds.size()).isEqualTo(10);
        assertThat(ds.get(7)).isEqualTo(suite.item("arith", Split.TEST, 7));
        assertThatThrownBy(() -> ds.get(10)).isInstanceOf(IndexOutOfBoundsException.class);
        var all = suite.datasets(TaskSuite.BENCHMARKS, Split.TEST, 3);
        assertThat(all.keySet()).containsExactlyElementsOf(TaskSuite.BENCHMARKS);
        assertThat(all.get("ood-compare").get(2)).isEqualTo(suite.item("ood-compare", Split.TEST, 2));
    }

    /** Answers computed from the scene graph alone, written apart from the generator. */
    static final class Solver {
        static String solve(Scene s, Query q) {
            if (q instanceof Query.Count c) {
                return Integer.toString(count(s, c.filter()));
            }
            if (q instanceof Query.Ground g) {
                return unique(s, g.target()).box().toAnswer();
            }
            if (q instanceof Query.Attribute a) {
                return letter(a.options(), word(unique(s, a.target()), a.property()));
            }
            if (q instanceof Query.SpatialChoice c) {
                SceneObject a = unique(s, c.a());
                SceneObject b = unique(s, c.b());
                List<String> holding = new ArrayList<>();
                for (String r : List.of("left", "right", "above", "below")) {
                    if (holds(r, a, b)) {
                        holding.add(r);
                    }
                }
                assertThat(holding).hasSize(1);
                return letter(c.options(), holding.get(0));
            }
            if (q instanceof Query.SpatialYesNo y) {
                return holds(y.relation().word(), unique(s, y.a()), unique(s, y.b())) ? "yes" : "no";
            }
            if (q instanceof Query.Arith a) {
                int x;
                int z;
                if (a.first() == null) {
                    assertThat(s.objects()).hasSize(2).allMatch(o -> o.shape() == Shape.DIGIT);
                    x = s.objects().get(0).value();
                    z = s.objects().get(1).value();
                } else {
                    x = s.objects().stream().filter(o -> o.colour() == a.first()).findFirst().orElseThrow().value();
                    z = s.objects().stream().filter(o -> o.colour() == a.second()).findFirst().orElseThrow().value();
                }
                return Integer.toString(a.operation() == Query.Operation.SUM ? x + z : Math.abs(x - z));
            }
            if (q instanceof Query.CountRelation c) {
                return Integer.toString(related(s, c.relation().word(), unique(s, c.anchor())).size());
            }
            if (q instanceof Query.GroundRelation g) {
                List<SceneObject> found = related(s, g.relation().word(), unique(s, g.anchor()));
                assertThat(found).hasSize(1);
                return found.get(0).box().toAnswer();
            }
            if (q instanceof Query.Compare c) {
                return count(s, c.first()) > count(s, c.second()) ? "yes" : "no";
            }
            if (q instanceof Query.AttributeRelation a) {
                List<SceneObject> found = related(s, a.relation().word(), unique(s, a.anchor()));
                assertThat(found).hasSize(1);
                return letter(a.options(), word(found.get(0), a.property()));
            }
            throw new AssertionError(q);
        }

        static int count(Scene s, Filter f) {
            int n = 0;
            for (SceneObject o : s.objects()) {
                if ((f.colour() == null || f.colour() == o.colour()) && (f.shape() == null || f.shape() == o.shape())) {
                    n++;
                }
            }
            return n;
        }

        static SceneObject unique(Scene s, Ref r) {
            List<SceneObject> found = new ArrayList<>();
            for (SceneObject o : s.objects()) {
                if ((r.colour() == null || r.colour() == o.colour()) && (r.shape() == null || r.shape() == o.shape())
                        && (r.size() == null || r.size() == o.size())) {
                    found.add(o);
                }
            }
            assertThat(found).as("objects matching " + r.phrase()).hasSize(1);
            return found.get(0);
        }

        static boolean holds(String relation, SceneObject a, SceneObject b) {
            Box p = a.box();
            Box q = b.box();
            return switch (relation) {
                case "left" -> p.x2() <= q.x1();
                case "right" -> p.x1() >= q.x2();
                case "above" -> p.y2() <= q.y1();
                case "below" -> p.y1() >= q.y2();
                default -> throw new AssertionError(relation);
            };
        }

        static List<SceneObject> related(Scene s, String relation, SceneObject anchor) {
            List<SceneObject> out = new ArrayList<>();
            for (SceneObject o : s.objects()) {
                if (o != anchor && holds(relation, o, anchor)) {
                    out.add(o);
                }
            }
            return out;
        }

        static String word(SceneObject o, Query.Property p) {
            return p == Query.Property.COLOUR ? o.colour().word() : o.shape().word();
        }

        static String letter(List<String> options, String gold) {
            assertThat(options).hasSize(4).doesNotHaveDuplicates().contains(gold);
            return String.valueOf((char) ('A' + options.indexOf(gold)));
        }
    }

}
