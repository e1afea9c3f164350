package io.modomodo.rewards.verifiers;

import static io.modomodo.rewards.verifiers.VerifierTesting.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.modomodo.rewards.VerifierInputException;
import io.modomodo.rewards.text.BoxReader;

class IouVerifierTest {

    private final IouVerifier iou = new IouVerifier();
    private final List<Integer> gold = List.of(10, 20, 110, 220);

    @ParameterizedTest
    @ValueSource(strings = {"[10, 20, 110, 220]", "[10,20,110,220]", "{\"bbox_2d\": [10, 20, 110, 220]}",
        "The box is [10.0, 20.0, 110.0, 220.0].", "[110, 220, 10, 20]", "(10, 20, 110, 220)", "10, 20, 110, 220",
        "[{\"bbox_2d\": [10, 20, 110, 220], \"label\": \"dog\"}]"})
    void readsEveryListedFormOfAnExactBox(String answer) {
        assertThat(check(iou, gold, answer).accuracy()).as(answer).isEqualTo(1.0);
    }

    @Test
    void computesTheContinuousIou() {
        // [10,20,110,220] area 20000; [60,20,160,220] overlaps 50x200 = 10000; union 30000
        assertThat(check(iou, gold, "[60, 20, 160, 220]").accuracy()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(check(iou, gold, "[200, 300, 250, 350]").accuracy()).isZero();
        assertThat(check(iou, gold, "[60, 20, 160, 220]").extracted()).isEqualTo("[60, 20, 160, 220]");
    }

    @Test
    void appliesTheThreshold() {
        assertThat(check(iou, gold, Map.of("threshold", 0.3), "[60, 20, 160, 220]").accuracy()).isEqualTo(1.0);
        assertThat(check(iou, gold, Map.of("threshold", 0.5), "[60, 20, 160, 220]").accuracy()).isZero();
    }

    @Test
    void convertsNormalisedBoxesWithTheImageSize() {
        Map<String, Object> params = Map.of("imageSize", List.of(1000, 500));
        assertThat(check(iou, List.of(100, 50, 500, 250), params, "[0.1, 0.1, 0.5, 0.5]").accuracy())
                .isCloseTo(1.0, within(1e-12));
        Map<String, Object> normalised = Map.of("normalized", true, "imageSize", List.of(1000, 500));
        assertThat(check(iou, List.of(0.1, 0.1, 0.5, 0.5), normalised, "[100, 50, 500, 250]").accuracy())
                .isCloseTo(1.0, within(1e-12));
        assertThat(check(iou, List.of(0.1, 0.1, 0.5, 0.5), Map.of("normalized", true), "[0.1, 0.1, 0.5, 0.5]")
                .accuracy()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no box", "[1, 2, 3]", "", "[a, b, c, d]"})
    void refusesAnswersWithoutABox(String answer) {
        assertThat(check(iou, gold, answer).extracted()).as(answer).isNull();
    }

    @Test
    void refusesBadGoldsAndParams() {
        assertThatThrownBy(() -> iou.prepare(List.of(1, 2, 3), Map.of())).isInstanceOf(VerifierInputException.class);
        assertThatThrownBy(() -> iou.prepare("nothing", Map.of())).isInstanceOf(VerifierInputException.class);
        assertThatThrownBy(() -> iou.prepare(gold, Map.of("threshold", 2))).extracting("field")
                .isEqualTo("params.threshold");
        assertThatThrownBy(() -> iou.prepare(gold, Map.of("imageSize", List.of(0, 1)))).extracting("field")
                .isEqualTo("params.imageSize");
        assertThatThrownBy(() -> iou.prepare(gold, Map.of("normalized", "yes"))).extracting("field")
                .isEqualTo("params.normalized");
        assertThat(iou.prepare("[1, 2, 3, 4]", Map.of()).check("[1,2,3,4]").accuracy()).isEqualTo(1.0);
    }

    @Test
    void iouIsSymmetricAndWithinZeroAndOne() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double[] a = randomBox(random);
            double[] b = randomBox(random);
            double ab = BoxReader.iou(a, b);
            assertThat(ab).isBetween(0.0, 1.0).isEqualTo(BoxReader.iou(b, a));
            assertThat(BoxReader.iou(a, a)).isEqualTo(1.0);
        }
    }

    private static double[] randomBox(SplittableRandom random) {
        double[] box = new double[4];
        for (int k = 0; k < 4; k++) {
            box[k] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextDouble(-100, 1000);
        }
        BoxReader.normalise(box);
        return box;
    }
}
