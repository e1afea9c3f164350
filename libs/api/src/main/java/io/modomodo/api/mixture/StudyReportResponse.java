package io.modomodo.api.mixture;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/studies/{id}/report}: what an execution of the study found.
 *
 * @param pilot every pilot (and explore) job with its weights and scores
 * @param fits quadratic and linear cross-validated quality on the runs the proposal saw, by model
 * @param proposal the proposed mixture with its predicted objective ({@code surrogate} made it)
 * @param finalRuns per seed and arm ({@code proposal}, each baseline, {@code base}: the policy before
 *        training, from the jobs' step-0 evaluation) the benchmark accuracies and in/out scores
 * @param comparisons the proposal minus each other arm, paired over seeds, per metric
 */
public record StudyReportResponse(UUID studyId, UUID executionId, String status, String objective,
        String surrogate, List<PilotRun> pilot, Map<String, FitQuality> fits, ProposedMixture proposal,
        List<FinalRun> finalRuns, List<Comparison> comparisons) {

    /** One trained pilot or explore mixture. */
    public record PilotRun(String slot, UUID jobId, Map<String, Double> weights, double inScore, double outScore,
            double score) {
    }

    /**
     * Cross-validated quality of one surrogate.
     *
     * @param heldOut each run's score and its prediction by the fold's fit that did not see it
     */
    public record FitQuality(UUID fitId, int n, double r2, double rmse, double spearman, List<HeldOut> heldOut) {
    }

    /** One run of a fit: its actual score and its held-out prediction. */
    public record HeldOut(UUID runId, double actual, double predicted) {
    }

    /** One arm trained (or, for {@code base}, evaluated) with one seed. */
    public record FinalRun(String arm, int seed, UUID jobId, Map<String, Double> weights,
            Map<String, Double> benchmarks, double inScore, double outScore) {
    }

    /**
     * Proposal minus {@code against}, paired by seed.
     *
     * @param metric {@code outScore}, {@code inScore} or a benchmark
     * @param n seeds paired
     * @param low 95 % t-interval lower end; null when n < 2
     * @param high 95 % t-interval upper end; null when n < 2
     */
    public record Comparison(String against, String metric, int n, double meanDifference, Double low, Double high,
            List<Double> differences) {
    }
}
