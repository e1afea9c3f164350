package io.modomodo.domains.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modomodo.domains.Item;
import io.modomodo.domains.PromptTemplate;
import io.modomodo.domains.Verifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSuiteEdgeCaseTest {

    private final TaskSuite suite = new TaskSuite(3);

    private static List<String> all() {
        List<String> out = new ArrayList<>(TaskSuite.TRAINING_DOMAINS);
        out.addAll(TaskSuite.BENCHMARKS);
        return out;
    }

    @Test
    void everyDomainSplitAndExtremeIndexGivesAConsistentItem() {
        long[] indices = {0, 1, Integer.MAX_VALUE - 1L, Long.MAX_VALUE};
        for (String domain : all()) {
            for (Split split : Split.values()) {
                for (long index : indices) {
                    Item item = suite.item(domain, split, index);
                    assertThat(item.domain()).isEqualTo(domain);
                    assertThat(item.id()).endsWith("/" + index);
                    checkConsistent(item);
                    WarmStartExample ex = suite.warmStart(domain, split, index);
                    assertThat(PromptTemplate.THINK_ANSWER.isWellFormed(ex.target())).as(ex.target()).isTrue();
                    assertThat(ex.target()).contains("<answer>" + ex.item().answer() + "</answer>");
                }
            }
        }
    }

    static void checkConsistent(Item item) {
        String a = item.answer();
        switch (item.verifier()) {
            case Verifiers.NUMBER -> assertThat(a).as(item.id()).matches("-?\\d+");
            case Verifiers.CHOICE -> {
                assertThat(a).as(item.id()).matches("[A-D]");
                for (char c = 'A'; c <= a.charAt(0); c++) {
                    assertThat(item.prompt()).as(item.id()).contains(c + ".");
                }
                if (item.params().get(Verifiers.OPTIONS) instanceof Map<?, ?> options) {
                    assertThat(options.containsKey(a)).as(item.id() + " options " + options).isTrue();
                    for (Object letter : options.keySet()) {
                        assertThat(item.prompt()).as(item.id()).contains(letter + ".");
                    }
                }
            }
            case Verifiers.IOU -> {
                String[] parts = a.replaceAll("[\\[\\] ]", "").split(",");
                assertThat(parts).as(item.id()).hasSize(4);
                double[] b = new double[4];
                for (int i = 0; i < 4; i++) {
                    b[i] = Double.parseDouble(parts[i]);
                }
                assertThat(b[0]).isLessThan(b[2]);
                assertThat(b[1]).isLessThan(b[3]);
                assertThat(b[0]).isGreaterThanOrEqualTo(0);
                assertThat(b[1]).isGreaterThanOrEqualTo(0);
                assertThat(b[2]).isLessThanOrEqualTo(item.image().width());
                assertThat(b[3]).isLessThanOrEqualTo(item.image().height());
                if (item.params().get(Verifiers.IMAGE_SIZE) instanceof List<?> size) {
                    assertThat(size).as(item.id()).hasSize(2);
                    assertThat(((Number) size.get(0)).intValue()).isEqualTo(item.image().width());
                    assertThat(((Number) size.get(1)).intValue()).isEqualTo(item.image().height());
                }
            }
            case Verifiers.YES_NO -> assertThat(a).isIn("yes", "no");
            default -> { }
        }
    }

    @Test
    void difficultyExtremesWorkInEveryDomain() {
        int[][] objects = {{1, 1}, {8, 8}, {1, 8}};
        int[] sizes = {32, 128};
        for (String domain : all()) {
            for (int[] o : objects) {
                for (int size : sizes) {
                  for (int[] palette : new int[][] {{2, 2, 1}, {6, 4, 9}}) {
                    Difficulty d = suite.difficulty(domain).withObjects(o[0], o[1]).withImageSize(size, size)
                            .withPalette(palette[0], palette[1]).withMaxValue(palette[2]);
                    TaskSuite tuned = suite.withDifficulty(domain, d);
                    for (int i = 0; i < 3; i++) {
                        try {
                            Item item = tuned.item(domain, Split.TRAIN, i);
                            assertThat(item.image().width()).isEqualTo(size);
                            checkConsistent(item);
                        } catch (RuntimeException e) {
                            throw new AssertionError(domain + " " + d + ": " + e, e);
                        }
                    }
                  }
                }
            }
        }
    }

    @Test
    void refusesBadArgumentsWithClearMessages() {
        assertThatThrownBy(() -> suite.item("Count", Split.TRAIN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count").hasMessageContaining("ood-compare");
        assertThatThrownBy(() -> suite.item(null, Split.TRAIN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> suite.item("count", null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split");
        assertThatThrownBy(() -> suite.item("count", Split.TRAIN, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> suite.dataset("count", Split.TRAIN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Split.parse("dev")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("train").hasMessageContaining("validation").hasMessageContaining("test");
        assertThatThrownBy(() -> Split.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Difficulty(0, 1, 64, 64, 4, 3, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Difficulty(1, 9, 64, 64, 4, 3, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Difficulty(1, 4, 31, 64, 4, 3, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Difficulty(5, 4, 64, 64, 4, 3, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> suite.withDifficulty("nope", suite.difficulty("count")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> suite.withDifficulty("count", null)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> suite.warmStartSet(TaskSuite.TRAINING_DOMAINS, Split.TRAIN, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> suite.warmStartSet(List.of("count", "nope"), Split.TRAIN, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThat(suite.warmStartSet(TaskSuite.BENCHMARKS, Split.TEST, 0)).isEmpty();
    }
}
