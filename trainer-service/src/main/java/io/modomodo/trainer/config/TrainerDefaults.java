package io.modomodo.trainer.config;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Every default a job or a base policy takes when its request leaves a field out, in one place
 * ({@code modomodo.trainer.defaults.*} in application.yml), so a better recipe changes one spot.
 *
 * @param suiteSeed the built-in task suite every job trains and evaluates on (not the job's seed: two jobs
 *     must see the same items so their outcomes compare)
 * @param steps GRPO steps
 * @param promptsPerStep prompts per step
 * @param groupSize completions per prompt (G)
 * @param trainItemsPerDomain size of each built-in domain's training set
 * @param sampling temperature, topP, maxNewTokens, stop
 * @param grpo GRPO and optimizer settings
 * @param rewardWeights format and accuracy weights
 * @param eval evaluation schedule and size
 * @param checkpoint checkpoint interval and retention
 * @param publishKeep weight versions kept for the rollout-service per job
 * @param policy the base-policy defaults
 */
@Validated
@ConfigurationProperties(prefix = "modomodo.trainer.defaults")
public record TrainerDefaults(long suiteSeed, int steps, int promptsPerStep, int groupSize, long trainItemsPerDomain,
        @NotNull @Valid Sampling sampling, @NotNull @Valid Grpo grpo, @NotNull Map<String, Double> rewardWeights,
        @NotNull @Valid Eval eval, @NotNull @Valid Checkpoint checkpoint, int publishKeep, @NotNull @Valid Policy policy) {

    public record Sampling(double temperature, double topP, int maxNewTokens, @NotNull List<String> stop) {
    }

    public record Grpo(String scaleRewards, double advantageEpsilon, double clipRatioLow, double clipRatioHigh,
            double dualClipC, double beta, String lossAggregation, int lossNormLength, double entropyCoefficient,
            int miniBatches, int ppoEpochs, double learningRate, double weightDecay, int warmupSteps,
            double maxGradNorm) {
    }

    public record Eval(int every, int itemsPerBenchmark, @NotNull String split, int maxNewTokens) {
    }

    public record Checkpoint(int every, int keep) {
    }

    /**
     * @param config {@code PolicyConfig} fields overriding the library's defaults
     * @param warmStartSteps supervised steps of the warm start
     * @param warmStartExamples examples per warm-start step
     * @param warmStartLearningRate AdamW learning rate of the warm start
     */
    public record Policy(Map<String, Object> config, int warmStartSteps, int warmStartExamples,
            double warmStartLearningRate) {
    }
}
