package io.modomodo.policy.grpo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.modomodo.policy.train.OptimizerConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GrpoConfigTest {

    @Test
    void defaultsFollowTheReferenceSystems() {
        GrpoConfig config = GrpoConfig.defaults();
        assertThat(config.groupSize()).isEqualTo(8);
        assertThat(config.scaleRewards()).isEqualTo(ScaleRewards.GROUP);
        assertThat(config.advantageEpsilon()).isEqualTo(1e-6);
        assertThat(config.clipRatioLow()).isEqualTo(0.2);
        assertThat(config.clipRatioHigh()).isEqualTo(0.2);
        assertThat(config.dualClipC()).isEqualTo(3.0);
        assertThat(config.beta()).isZero();
        assertThat(config.lossAggregation()).isEqualTo(LossAggregation.TOKEN_MEAN);
        assertThat(config.ppoEpochs()).isEqualTo(1);
        assertThat(config.optimizer()).isEqualTo(new OptimizerConfig(1e-6, 0.9, 0.999, 1e-8, 0.01, 0, 1.0));
    }

    @Test
    void rejectsANegativeBeta() {
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().beta(-0.1).build())
                .withMessage("beta (KL coefficient) must be >= 0, got -0.1");
    }

    @Test
    void rejectsANegativeEpsilonHigh() {
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().clipRatio(0.2, -0.1).build())
                .withMessageContaining("clipRatioHigh (epsilon_high) must be >= 0, got -0.1");
    }

    @Test
    void rejectsGroupsOfOneWithGroupStdScaling() {
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().groupSize(1).build())
                .withMessageContaining("groupSize 1 cannot be used with scaleRewards=group");
        assertThat(GrpoConfig.builder().groupSize(1).scaleRewards(ScaleRewards.NONE).build().groupSize()).isEqualTo(1);
    }

    @Test
    void rejectsOtherNonsenseNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().clipRatio(1.0, 0.2).build())
                .withMessageContaining("clipRatioLow");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().dualClipC(0.5).build())
                .withMessageContaining("dualClipC");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().ppoEpochs(0).build())
                .withMessageContaining("ppoEpochs");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().miniBatches(0).build())
                .withMessageContaining("miniBatches");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().temperature(0).build())
                .withMessageContaining("temperature");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().advantageEpsilon(0).build())
                .withMessageContaining("advantageEpsilon");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().learningRate(-1).build())
                .withMessageContaining("learningRate");
        assertThatIllegalArgumentException().isThrownBy(() -> GrpoConfig.builder().beta(Double.NaN).build())
                .withMessageContaining("beta");
    }

    @Test
    void roundTripsThroughJson() {
        JsonMapper json = JsonMapper.builder().build();
        GrpoConfig config = GrpoConfig.builder().beta(0.04).clipRatio(0.2, 0.28).lossAggregation(
                LossAggregation.SEQ_MEAN_TOKEN_SUM_NORM).build();
        assertThat(json.readValue(json.writeValueAsString(config), GrpoConfig.class)).isEqualTo(config);
    }
}
