package io.modomodo.api.trainer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One GRPO step's record ({@code GET /api/v1/jobs/{id}/metrics}); docs/training.md maps each field to
 * verl's metric names.
 *
 * @param policyLag steps between the weights that sampled and the weights updated: 0 in {@code sync} mode and at
 *     the first step, 1 from the second step on in {@code one-step-off} mode
 * @param items the ids of the items drawn this step, in batch order (a resumed job draws the same ones)
 */
public record StepMetrics(int step, Instant at, double rewardMean, Map<String, DomainStepMetrics> domains,
        double responseLength, double kl, double clipFraction, double entropy, double gradNorm,
        double learningRate, int policyLag, PhaseSeconds seconds,
        List<String> items) {
}
