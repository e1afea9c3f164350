package io.modomodo.trainer.service;

import io.modomodo.api.problem.InvalidRequestException;
import io.modomodo.api.trainer.GrpoSettings;
import io.modomodo.policy.grpo.GrpoConfig;
import io.modomodo.policy.grpo.LossAggregation;
import io.modomodo.policy.grpo.ScaleRewards;
import io.modomodo.policy.train.OptimizerConfig;

/** A job's resolved {@link GrpoSettings} as the library's {@link GrpoConfig}; its refusals name {@code grpo.<field>}. */
public final class GrpoMapping {

    private GrpoMapping() {
    }

    /**
     * @param temperature the sampling temperature, which the log-probs of the update must use too
     * @param seed the job's seed (the mini-batch shuffle derives from it and the optimizer step)
     */
    public static GrpoConfig config(GrpoSettings s, int groupSize, double temperature, long seed) {
        try {
            OptimizerConfig optimizer = new OptimizerConfig(s.learningRate(), 0.9, 0.999, 1e-8, s.weightDecay(),
                    s.warmupSteps(), s.maxGradNorm());
            return GrpoConfig.builder().groupSize(groupSize).scaleRewards(ScaleRewards.parse(s.scaleRewards()))
                    .advantageEpsilon(s.advantageEpsilon()).clipRatio(s.clipRatioLow(), s.clipRatioHigh())
                    .dualClipC(s.dualClipC()).beta(s.beta()).lossAggregation(LossAggregation.parse(s.lossAggregation()))
                    .lossNormLength(s.lossNormLength()).entropyCoefficient(s.entropyCoefficient())
                    .temperature(temperature).miniBatches(s.miniBatches()).ppoEpochs(s.ppoEpochs())
                    .optimizer(optimizer).seed(seed).build();
        }
        catch (IllegalArgumentException ex) {
            String message = ex.getMessage() == null ? "invalid GRPO setting" : ex.getMessage();
            String first = message.split("[ (]", 2)[0];
            String field = switch (first) {
                case "groupSize" -> "groupSize";
                case "beta1", "beta2", "epsilon" -> "grpo";
                default -> first.matches("[a-zA-Z]+") ? "grpo." + first : "grpo";
            };
            throw new InvalidRequestException(field, message);
        }
    }
}
