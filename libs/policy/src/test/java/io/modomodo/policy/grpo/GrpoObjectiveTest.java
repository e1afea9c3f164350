package io.modomodo.policy.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.modomodo.policy.runtime.DjlRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loss against values worked out by hand (two sequences, three token slots, the last slot of the
 * second sequence is padding):
 *
 * <pre>
 *   row 0, A = 1.5:  ratios e^0.1 = 1.105171, e^0.4 = 1.491825 (clipped to 1.28), 1
 *                    terms −1.657756, −1.92, −1.5
 *   row 1, A = −2:   ratios e^−0.2 = 0.818731, e^1.6 = 4.953032 (dual clip: min(9.906065, 3·2) = 6)
 *                    terms 1.637462, 6 (9.906065 without dual clip)
 * </pre>
 */
class GrpoObjectiveTest {

    private static final double TOLERANCE = 1e-5;

    private NDManager manager;
    private NDArray logProbs;
    private NDArray oldLogProbs;
    private NDArray referenceLogProbs;
    private NDArray advantages;
    private NDArray mask;
    private NDArray entropy;

    @BeforeEach
    void arrays() {
        DjlRuntime.requireOfflineNativeEngine();
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        Shape shape = new Shape(2, 3);
        logProbs = manager.create(new float[] {-1.0f, -0.5f, -2.0f, -0.3f, -0.2f, 0f}, shape);
        oldLogProbs = manager.create(new float[] {-1.1f, -0.9f, -2.0f, -0.1f, -1.8f, 0f}, shape);
        referenceLogProbs = manager.create(new float[] {-1.2f, -0.5f, -1.0f, -0.3f, -0.7f, 0f}, shape);
        advantages = manager.create(new float[] {1.5f, -2.0f});
        mask = manager.create(new float[] {1, 1, 1, 1, 1, 0}, shape);
        entropy = manager.create(new float[] {1, 2, 3, 4, 5, 0}, shape);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private GrpoObjective.Terms loss(GrpoConfig config) {
        return GrpoObjective.loss(logProbs, oldLogProbs, config.beta() > 0 ? referenceLogProbs : null, advantages, mask,
                entropy, config);
    }

    private static GrpoConfig.Builder base() {
        return GrpoConfig.builder().clipRatio(0.2, 0.28).dualClipC(3.0);
    }

    @Test
    void tokenMeanAveragesOverEveryRealToken() {
        GrpoObjective.Terms terms = loss(base().lossAggregation(LossAggregation.TOKEN_MEAN).build());
        // (−1.657756 − 1.92 − 1.5 + 1.637462 + 6) / 5
        assertThat(terms.loss().getFloat()).isCloseTo(0.511941f, within((float) TOLERANCE));
        assertThat(terms.clipFraction().getFloat()).as("only the 1.49 ratio of row 0 is clipped")
                .isCloseTo(0.2f, within(1e-6f));
        assertThat(terms.approxKl().getFloat()).as("mean of old − new").isCloseTo(-0.38f, within(1e-5f));
        assertThat(terms.entropy().getFloat()).isCloseTo(3.0f, within(1e-6f));
        assertThat(terms.referenceKl()).isNull();
    }

    @Test
    void seqMeanTokenMeanAveragesPerSequenceFirst() {
        GrpoObjective.Terms terms = loss(base().lossAggregation(LossAggregation.SEQ_MEAN_TOKEN_MEAN).build());
        // ((−1.657756 − 1.92 − 1.5) / 3 + (1.637462 + 6) / 2) / 2
        assertThat(terms.loss().getFloat()).isCloseTo(1.063073f, within((float) TOLERANCE));
    }

    @Test
    void seqMeanTokenSumNormDividesByBatchTimesLength() {
        GrpoObjective.Terms longest = loss(base().lossAggregation(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM).build());
        assertThat(longest.loss().getFloat()).as("2.559706 / (2 · 3)").isCloseTo(0.426618f, within((float) TOLERANCE));
        GrpoObjective.Terms fixed = loss(base().lossAggregation(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM)
                .lossNormLength(8).build());
        assertThat(fixed.loss().getFloat()).as("2.559706 / (2 · 8)").isCloseTo(0.159982f, within((float) TOLERANCE));
    }

    @Test
    void withoutDualClipANegativeAdvantageTokenIsUnbounded() {
        GrpoObjective.Terms terms = loss(base().dualClipC(0).build());
        // The e^1.6 token of row 1 now costs 2 · 4.953032 = 9.906065.
        assertThat(terms.loss().getFloat()).isCloseTo(1.293154f, within((float) TOLERANCE));
    }

    @Test
    void symmetricClipRatioClipsAt1Point2() {
        GrpoObjective.Terms terms = loss(base().clipRatio(0.2, 0.2).build());
        // Row 0 token 1 becomes −1.5 · 1.2 = −1.8 instead of −1.92.
        assertThat(terms.loss().getFloat()).isCloseTo((float) ((2.559706 + 0.12) / 5), within((float) TOLERANCE));
    }

    @Test
    void klPenaltyAndEntropyBonusEnterTheLoss() {
        GrpoObjective.Terms terms = loss(base().beta(0.1).entropyCoefficient(0.01).build());
        // k3 = e^d − d − 1 with d = ref − logp: 0.018731, 0, 0.718282, 0, 0.106531 (sum 0.843543)
        // (2.559706 + 0.1 · 0.843543 − 0.01 · 15) / 5
        assertThat(terms.loss().getFloat()).isCloseTo(0.498812f, within((float) TOLERANCE));
        assertThat(terms.referenceKl().getFloat()).isCloseTo(0.168709f, within((float) TOLERANCE));
        assertThat(terms.policyLoss().getFloat()).isCloseTo(0.511941f, within((float) TOLERANCE));
    }

    @Test
    void logRatioIsClampedAtTwentyBeforeExponentiation() {
        NDArray one = manager.create(new float[] {0f}, new Shape(1, 1));
        NDArray farBelow = manager.create(new float[] {-30f}, new Shape(1, 1));
        NDArray negative = manager.create(new float[] {-1f});
        NDArray all = manager.create(new float[] {1f}, new Shape(1, 1));
        GrpoObjective.Terms terms = GrpoObjective.loss(one, farBelow, null, negative, all, null,
                base().dualClipC(0).build());
        // log ratio 30 is clamped to 20: the term is −A · e^20 = e^20, not e^30.
        assertThat(terms.loss().getFloat()).isCloseTo((float) Math.exp(20), within((float) (Math.exp(20) * 1e-5)));
    }

    @Test
    void klEstimateIsClampedAtTen() {
        NDArray far = manager.create(new float[] {-1.0f, -0.5f, 14.0f, -0.3f, -0.2f, 0f}, new Shape(2, 3));
        GrpoObjective.Terms terms = GrpoObjective.loss(logProbs, oldLogProbs, far, advantages, mask, null,
                base().beta(1.0).build());
        // d = 16 for token 2 of row 0: e^16 − 17 is clamped to 10; every other token has ref = logp.
        assertThat(terms.referenceKl().getFloat()).isCloseTo(2.0f, within(1e-5f));
    }
}
