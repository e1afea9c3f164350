package io.modomodo.api.trainer;

/**
 * The {@code GrpoConfig} fields a job may set; each absent field takes the trainer's default. The group
 * size is the job's {@code groupSize} and the seed derives from the job's {@code seed}.
 *
 * @param scaleRewards {@code group}, {@code batch} or {@code none}
 * @param lossAggregation {@code token-mean}, {@code seq-mean-token-mean} or {@code seq-mean-token-sum-norm}
 */
public record GrpoSettings(String scaleRewards, Double advantageEpsilon, Double clipRatioLow, Double clipRatioHigh,
        Double dualClipC, Double beta, String lossAggregation, Integer lossNormLength, Double entropyCoefficient,
        Integer miniBatches, Integer ppoEpochs, Double learningRate, Double weightDecay, Integer warmupSteps,
        Double maxGradNorm) {
}
