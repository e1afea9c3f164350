package io.modomodo.local.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A study report ({@code GET /api/v1/studies/{id}/report}) as plain-text tables, whatever its exact
 * shape: every list of objects becomes a table whose columns are their fields (nested objects
 * flattened as {@code weights.count}), every object a titled block, every value a {@code name: value}
 * line. Numbers show three decimals, so a pilot table of scores reads at a glance.
 */
public final class ReportTable {

    private static final String NL = System.lineSeparator();
    /**
     * Ids, per-fold predictions and per-benchmark accuracies of each final run: they make tables wide and
     * say little at a glance (the comparisons give the per-benchmark differences); the JSON file keeps them.
     */
    private static final java.util.Set<String> HIDDEN = java.util.Set.of("jobId", "fitId", "heldOut", "studyId",
            "executionId", "proposalId", "benchmarks");

    private ReportTable() {
    }

    public static String render(JsonNode report) {
        StringBuilder out = new StringBuilder();
        if (report == null || report.isNull() || report.isMissingNode()) {
            return "(empty report)" + NL;
        }
        String headline = headline(report);
        if (!headline.isEmpty()) {
            out.append(headline).append(NL);
        }
        if (!report.isObject()) {
            section(out, "report", report);
            return out.toString();
        }
        List<Map.Entry<String, JsonNode>> scalars = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> blocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : visible(report)) {
            (isScalar(field.getValue()) || isScalarArray(field.getValue()) ? scalars : blocks).add(field);
        }
        scalars.forEach(field -> out.append(field.getKey()).append(": ").append(cell(field.getValue())).append(NL));
        for (Map.Entry<String, JsonNode> field : blocks) {
            out.append(NL);
            section(out, field.getKey(), field.getValue());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, JsonNode value) {
        if (isScalar(value) || isScalarArray(value)) {
            out.append(title).append(": ").append(cell(value)).append(NL);
        }
        else if (value.isArray()) {
            out.append(title).append(NL);
            if (value.isEmpty()) {
                out.append("  (none)").append(NL);
            }
            else {
                table(out, value);
            }
        }
        else {
            out.append(title).append(NL);
            List<Map.Entry<String, JsonNode>> nested = new ArrayList<>();
            Map<String, String> flat = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : visible(value)) {
                if (field.getValue().isArray() && !isScalarArray(field.getValue())) {
                    nested.add(field);
                }
                else {
                    flatten("", field.getKey(), field.getValue(), flat);
                }
            }
            int width = flat.keySet().stream().mapToInt(String::length).max().orElse(0);
            flat.forEach((key, text) -> out.append("  ").append(pad(key, width)).append("  ").append(text).append(NL));
            for (Map.Entry<String, JsonNode> field : nested) {
                section(out, title + " > " + field.getKey(), field.getValue());
            }
        }
    }

    /** Rows of a list; scalar elements become a one-column table. */
    private static void table(StringBuilder out, JsonNode rows) {
        List<Map<String, String>> flatRows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        Set<String> numeric = new LinkedHashSet<>();
        for (JsonNode row : rows) {
            Map<String, String> flat = new LinkedHashMap<>();
            if (row.isObject()) {
                for (Map.Entry<String, JsonNode> field : visible(row)) {
                    flatten("", field.getKey(), field.getValue(), flat);
                    collectNumeric("", field.getKey(), field.getValue(), numeric);
                }
            }
            else {
                flat.put("value", cell(row));
                if (row.isNumber()) {
                    numeric.add("value");
                }
            }
            columns.addAll(flat.keySet());
            flatRows.add(flat);
        }
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String column : columns) {
            int width = column.length();
            for (Map<String, String> row : flatRows) {
                width = Math.max(width, row.getOrDefault(column, "-").length());
            }
            widths.put(column, width);
        }
        StringBuilder header = new StringBuilder("  ");
        StringBuilder rule = new StringBuilder("  ");
        for (String column : columns) {
            header.append(align(column, widths.get(column), numeric.contains(column))).append("  ");
            rule.append("-".repeat(widths.get(column))).append("  ");
        }
        out.append(header.toString().stripTrailing()).append(NL).append(rule.toString().stripTrailing()).append(NL);
        for (Map<String, String> row : flatRows) {
            StringBuilder line = new StringBuilder("  ");
            for (String column : columns) {
                line.append(align(row.getOrDefault(column, "-"), widths.get(column), numeric.contains(column)))
                        .append("  ");
            }
            out.append(line.toString().stripTrailing()).append(NL);
        }
    }

    private static void flatten(String prefix, String key, JsonNode value, Map<String, String> into) {
        String name = prefix.isEmpty() ? key : prefix + "." + key;
        if (value.isNull() && !prefix.isEmpty()) {
            return;
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : visible(value)) {
                flatten(name, field.getKey(), field.getValue(), into);
            }
        }
        else {
            into.put(name, cell(value));
        }
    }

    private static void collectNumeric(String prefix, String key, JsonNode value, Set<String> into) {
        String name = prefix.isEmpty() ? key : prefix + "." + key;
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                collectNumeric(name, field.getKey(), field.getValue(), into);
            }
        }
        else if (value.isNumber()) {
            into.add(name);
        }
    }

    private static List<Map.Entry<String, JsonNode>> visible(JsonNode object) {
        return object.properties().stream().filter(field -> !HIDDEN.contains(field.getKey())).toList();
    }

    /**
     * What the study found, in two sentences: the proposal with its prediction, and the proposal against
     * each baseline on the objective, paired over seeds with its 95 % interval. Empty when the report
     * holds neither (an execution that failed early).
     */
    static String headline(JsonNode report) {
        StringBuilder out = new StringBuilder();
        String objective = Json.text(report, "objective").orElse("outScore");
        JsonNode proposal = report.get("proposal");
        if (proposal != null && proposal.get("weights") != null && proposal.get("weights").isObject()) {
            List<String> weights = new ArrayList<>();
            proposal.get("weights").properties()
                    .forEach(w -> weights.add(w.getKey() + " " + cell(w.getValue())));
            out.append("Proposal").append(Json.text(report, "surrogate").map(m -> " (" + m + ")").orElse(""))
                    .append(": ").append(String.join(", ", weights));
            Json.decimal(proposal, "predicted").ifPresent(p -> out.append("; predicted ").append(objective)
                    .append(' ').append(number(p)));
            out.append(NL);
        }
        JsonNode comparisons = report.get("comparisons");
        if (comparisons != null && comparisons.isArray()) {
            for (JsonNode comparison : comparisons) {
                if (!objective.equals(Json.text(comparison, "metric").orElse(""))) {
                    continue;
                }
                out.append("Proposal vs ").append(Json.text(comparison, "against").orElse("?")).append(" on ")
                        .append(objective).append(", paired over ").append(Json.number(comparison, "n").orElse(0))
                        .append(" seed(s): ").append(signed(Json.decimal(comparison, "meanDifference").orElse(Double.NaN)));
                var low = Json.decimal(comparison, "low");
                var high = Json.decimal(comparison, "high");
                if (low.isPresent() && high.isPresent()) {
                    out.append(" (95% CI ").append(signed(low.getAsDouble())).append(" to ")
                            .append(signed(high.getAsDouble())).append(')');
                }
                JsonNode differences = comparison.get("differences");
                if (differences != null && differences.isArray() && !differences.isEmpty()) {
                    List<String> perSeed = new ArrayList<>();
                    differences.values().forEach(d -> perSeed.add(d.isNumber() ? signed(d.asDouble()) : "-"));
                    out.append("; per seed ").append(String.join(", ", perSeed));
                }
                out.append(NL);
            }
        }
        return out.toString();
    }

    private static String signed(double value) {
        return (value > 0 ? "+" : "") + number(value);
    }

    static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "-";
        }
        if (value.isIntegralNumber()) {
            return value.numberValue().toString();
        }
        if (value.isNumber()) {
            return number(value.numberValue().doubleValue());
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.values().forEach(item -> items.add(cell(item)));
            return "[" + String.join(", ", items) + "]";
        }
        return value.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value != 0 && Math.abs(value) < 0.001) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static boolean isScalar(JsonNode value) {
        return !value.isContainer();
    }

    private static boolean isScalarArray(JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return false;
        }
        for (JsonNode item : value) {
            if (item.isContainer()) {
                return false;
            }
        }
        return true;
    }

    private static String align(String text, int width, boolean right) {
        return right ? " ".repeat(width - text.length()) + text : pad(text, width);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
