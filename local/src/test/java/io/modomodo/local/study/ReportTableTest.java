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
    void anEmptyListSaysNone() {
        assertThat(ReportTable.render(json.readTree("{\"runs\": []}"))).contains("runs" + System.lineSeparator() + "  (none)");
    }
}
