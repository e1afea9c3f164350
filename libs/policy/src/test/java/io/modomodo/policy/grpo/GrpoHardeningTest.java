package io.modomodo.policy.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import io.modomodo.policy.TinyModels;
import io.modomodo.policy.model.VisionLanguagePolicy;
import io.modomodo.policy.score.PromptCompletion;
import io.modomodo.policy.train.OptimizerConfig;
import org.junit.jupiter.api.Test;

class GrpoHardeningTest {

    @Test
    void groupsOfOneAreRefusedWithBatchScalingSinceTheirAdvantageIsAlwaysZero() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GrpoConfig.builder().groupSize(1).scaleRewards(ScaleRewards.BATCH).build())
                .withMessageContaining("groupSize 1 cannot be used with scaleRewards=batch");
    }

    @Test
    void aNegativeOrNonFiniteEntropyCoefficientIsRefused() {
        for (double bad : new double[] {-0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> GrpoConfig.builder().entropyCoefficient(bad).build())
                    .withMessageContaining("entropyCoefficient");
        }
        assertThat(GrpoConfig.builder().entropyCoefficient(0.001).build().entropyCoefficient()).isEqualTo(0.001);
    }

    @Test
    void nonFiniteNumbersAreRefusedForEveryDoubleField() {
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double value : bad) {
            assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().clipRatio(value, 0.2).build())
                    .withMessageContaining("clipRatioLow");
            assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().clipRatio(0.2, value).build())
                    .withMessageContaining("clipRatioHigh");
            assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().dualClipC(value).build())
                    .withMessageContaining("dualClipC");
            assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().beta(value).build())
                    .withMessageContaining("beta");
            assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().temperature(value).build())
                    .withMessageContaining("temperature");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> GrpoConfig.builder().advantageEpsilon(value).build())
                    .withMessageContaining("advantageEpsilon");
            assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().learningRate(value).build())
                    .withMessageContaining("learningRate");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new OptimizerConfig(1e-3, 0.9, 0.999, value, 0.01, 0, 1.0))
                    .withMessageContaining("epsilon");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new OptimizerConfig(1e-3, 0.9, 0.999, 1e-8, 0.01, 0, value))
                    .withMessageContaining("maxGradNorm");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().dualClipC(1.0).build())
                .withMessageContaining("dualClipC");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GrpoConfig.builder().optimizer(OptimizerConfig.adamW(1e-3).withWarmupSteps(-1)))
                .withMessageContaining("warmupSteps");
    }

    @Test
    void unknownAggregationAndScalingNamesNameTheFieldAndTheValidValues() {
        assertThat(LossAggregation.parse("seq-mean-token-sum-norm")).isEqualTo(LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM);
        assertThat(LossAggregation.parse("TOKEN_MEAN")).isEqualTo(LossAggregation.TOKEN_MEAN);
        assertThat(ScaleRewards.parse(" Batch ")).isEqualTo(ScaleRewards.BATCH);
        assertThatIllegalArgumentException().isThrownBy(() -> LossAggregation.parse("seq-sum"))
                .withMessage("lossAggregation must be one of token-mean, seq-mean-token-mean, "
                        + "seq-mean-token-sum-norm, got seq-sum");
        assertThatIllegalArgumentException().isThrownBy(() -> ScaleRewards.parse(null))
                .withMessage("scaleRewards must be one of group, batch, none, got null");
    }

    @Test
    void advantagesRefuseANullScaleOrABadEpsilonAndNeverDivideZeroByZero() {
        float[] equal = {1, 1, 1, 1};
        assertThat(Advantages.compute(equal, 2, ScaleRewards.GROUP, 0)).containsExactly(0, 0, 0, 0);
        assertThat(Advantages.compute(equal, 2, ScaleRewards.BATCH, 0)).containsExactly(0, 0, 0, 0);
        assertThat(Advantages.compute(new float[] {0, 1}, 2, ScaleRewards.BATCH, 1e-6)[1]).isPositive();
        assertThat(Advantages.compute(new float[0], 4, ScaleRewards.GROUP, 1e-6)).isEmpty();
        float[] oneGroup = {0, 1, 3, 0.5f};
        assertThat(Advantages.compute(oneGroup, 4, ScaleRewards.BATCH, 1e-6))
                .as("one group: the batch std is the group std")
                .containsExactly(Advantages.compute(oneGroup, 4, ScaleRewards.GROUP, 1e-6));
        assertThatIllegalArgumentException().isThrownBy(() -> Advantages.compute(equal, 0, ScaleRewards.NONE, 1e-6))
                .withMessage("groupSize must be at least 1, got 0");
        assertThatIllegalArgumentException().isThrownBy(() -> Advantages.compute(equal, 2, null, 1e-6))
                .withMessageContaining("scaleRewards");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Advantages.compute(equal, 2, ScaleRewards.GROUP, Double.NaN))
                .withMessageContaining("advantageEpsilon");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Advantages.compute(equal, 2, ScaleRewards.GROUP, -1))
                .withMessageContaining("advantageEpsilon");
    }

    @Test
    void miniBatchesThatDoNotDivideTheRolloutBatchAreRefusedBeforeAnyUpdate() {
        try (VisionLanguagePolicy policy = TinyModels.model(31)) {
            float[] image = TinyModels.noise(16, 3);
            int[] prompt = policy.encodePrompt("q");
            List<Rollout> rollouts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                rollouts.add(new Rollout(new PromptCompletion(image, prompt, policy.tokenizer().encode("a" + i)), null,
                        i % 2));
            }
            for (int miniBatches : new int[] {3, 8}) {
                GrpoConfig config = GrpoConfig.builder().groupSize(2).miniBatches(miniBatches).build();
                try (GrpoTrainer trainer = new GrpoTrainer(policy, config)) {
                    assertThatIllegalArgumentException().isThrownBy(() -> trainer.step(rollouts))
                            .withMessageContaining("miniBatches " + miniBatches + " must divide the 4 rollouts");
                }
            }
            try (GrpoTrainer trainer = new GrpoTrainer(policy, GrpoConfig.builder().groupSize(2).miniBatches(4)
                    .learningRate(1e-3).build())) {
                assertThat(trainer.step(rollouts).updates()).isEqualTo(4);
            }
        }
    }
}
