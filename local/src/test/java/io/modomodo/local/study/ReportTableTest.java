package io.modomodo.local.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class ReportTableTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    @Test
    void rendersScalarsFirstThenListsOfObjectsAsAlignedTablesWithNestedFieldsFlattened() {
        String report = """
                {"study": "demo-quick", "objective": "outScore",
                 "pilot": [
                   {"weights": {"count": 0.5, "attribute": 0.5}, "inScore": 0.41234, "outScore": 0.3},
                   {"weights": {"count": 1.0, "attribute": 0.0}, "inScore": 0.5, "outScore": null}],
                 "surrogates": {"quadratic": {"r2": 0.71, "rmse": 0.0004}, "linear": {"r2": 0.2, "rmse": 0.05}},
                 "proposal": {"weights": {"count": 0.7, "attribute": 0.3}, "predicted": 0.45}}""";

        String text = ReportTable.render(json.readTree(report));

        assertThat(text.lines().toList()).containsSubsequence(
                "study: demo-quick",
                "objective: outScore",
                "",
                "pilot",
                "  weights.count  weights.attribute  inScore  outScore",
                "  -------------  -----------------  -------  --------",
                "          0.500              0.500    0.412     0.300",
                "          1.000              0.000    0.500         -",
                "",
                "surrogates",
                "  quadratic.r2    0.710",
                "  quadratic.rmse  4.00e-04",
                "  linear.r2       0.200",
                "  linear.rmse     0.050",
                "",
                "proposal",
                "  weights.count      0.700",
                "  weights.attribute  0.300",
                "  predicted          0.450");
    }

    @Test
    void rendersListsInsideObjectsAsTheirOwnTablesAndScalarListsInline() {
        String report = """
                {"final": {"seeds": [1, 2, 3],
                           "comparison": [{"benchmark": "ood-compare", "seed": 1, "proposal": 0.6, "uniform": 0.5,
                                           "difference": 0.1, "ci95": [0.02, 0.18]}]}}""";

        String text = ReportTable.render(json.readTree(report));

        assertThat(text.lines().toList()).containsSubsequence(
                "final",
                "  seeds  [1, 2, 3]",
                "final > comparison",
                "  benchmark    seed  proposal  uniform  difference  ci95",
                "  -----------  ----  --------  -------  ----------  --------------",
                "  ood-compare     1     0.600    0.500       0.100  [0.020, 0.180]");
    }

    @Test
    void theMixtureServicesReportLeadsWithTheProposalAndThePairedComparisonAndHidesIds() {
        String report = """
                {"studyId": "7b0c8a84-5a3c-4b37-9d59-0e0d3c4b7a11", "executionId": "e1", "status": "SUCCEEDED",
                 "objective": "outScore", "surrogate": "quadratic",
                 "pilot": [{"slot": "seed-uniform", "jobId": "9d1c", "weights": {"count": 0.5, "attribute": 0.5},
                            "inScore": 0.41, "outScore": 0.30, "score": 0.30}],
                 "fits": {"quadratic": {"fitId": "f1", "n": 6, "r2": 0.7, "rmse": 0.02, "spearman": 0.8,
                                        "heldOut": [{"actual": 0.3, "predicted": 0.31}]}},
                 "proposal": {"weights": {"count": 0.6, "attribute": 0.4}, "predicted": 0.42, "spread": 0.01},
                 "finalRuns": [{"arm": "proposal", "seed": 1, "jobId": "j9", "weights": {"count": 0.6, "attribute": 0.4},
                                "benchmarks": {"ood-compare": 0.5}, "inScore": 0.5, "outScore": 0.45},
                               {"arm": "base", "seed": 1, "jobId": "j0", "weights": null,
                                "benchmarks": {"ood-compare": 0.1}, "inScore": 0.2, "outScore": 0.15}],
                 "comparisons": [
                   {"against": "uniform", "metric": "outScore", "n": 3, "meanDifference": 0.031, "low": -0.01,
                    "high": 0.072, "differences": [0.01, 0.03, 0.053]},
                   {"against": "uniform", "metric": "inScore", "n": 3, "meanDifference": 0.5, "low": null,
                    "high": null, "differences": [0.5]}]}""";

        String text = ReportTable.render(json.readTree(report));

        assertThat(text.lines().limit(2).toList()).containsExactly(
                "Proposal (quadratic): count 0.600, attribute 0.400; predicted outScore 0.420",
                "Proposal vs uniform on outScore, paired over 3 seed(s): +0.031 (95% CI -0.010 to +0.072); "
                        + "per seed +0.010, +0.030, +0.053");
        assertThat(text).contains("  slot          weights.count  weights.attribute  inScore  outScore  score")
                .contains("  arm       seed  weights.count  weights.attribute  inScore  outScore")
                .contains("  base         1              -                  -    0.200     0.150")
                .doesNotContain("9d1c", "fitId", "heldOut", "7b0c8a84", "j9");
    }

    @Test
    void anEmptyListSaysNone() {
        assertThat(ReportTable.render(json.readTree("{\"runs\": []}"))).contains("runs" + System.lineSeparator() + "  (none)");
    }
}
