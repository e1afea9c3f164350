package io.modomodo.local.figures;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The figures of one training job from its API documents ({@code GET /api/v1/jobs/{id}}, {@code …/metrics},
 * {@code …/evaluations}): per-step reward and accuracy per domain, step time by phase, the evaluation points,
 * and a Markdown summary with the evaluations at step 0 and at the end, item counts included.
 *
 * <p>Per-step series are noisy (8 prompts a step): the curves show a trailing moving average whose window
 * the titles state, so nobody reads a smoothed line as raw data.
 */
public final class JobFigures {

    private static final List<String> PHASES = List.of("sample", "rollout", "reward", "update", "publish");

    private final JsonNode job;
    private final List<JsonNode> steps = new ArrayList<>();
    private final List<JsonNode> evaluations = new ArrayList<>();
    private final int window;

    public JobFigures(JsonNode job, JsonNode metrics, JsonNode evaluationList, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("the smoothing window must be at least 1 step: " + window);
        }
        this.job = job;
        metrics.path("steps").forEach(steps::add);
        evaluationList.path("evaluations").forEach(evaluations::add);
        this.window = window;
    }

    /** The files written: the PNG charts and {@code <prefix>.md}. */
    public List<Path> write(Path directory, String prefix) {
        List<Path> written = new ArrayList<>();
        Map<String, Chart> charts = new LinkedHashMap<>();
        charts.put("reward", rewardChart());
        charts.put("accuracy", accuracyChart());
        charts.put("evaluations", evaluationChart());
        charts.put("phases", phaseChart());
        charts.forEach((name, chart) -> {
            Path file = directory.resolve(prefix + "-" + name + ".png");
            chart.writePng(file, 900, 420);
            written.add(file);
        });
        Path summary = directory.resolve(prefix + ".md");
        writeAtomically(summary, summary());
        written.add(summary);
        return written;
    }

    Chart rewardChart() {
        Chart chart = new Chart("Reward per step (format + accuracy), moving average over " + window + " steps",
                "step", "reward");
        double[] x = stepNumbers();
        chart.add(new Chart.Series("all domains", x, smooth(column(s -> s.path("rewardMean").asDouble()))));
        for (String domain : domains()) {
            chart.add(new Chart.Series(domain, x, smooth(column(s -> domainValue(s, domain, "rewardMean"))), true));
        }
        return chart;
    }

    Chart accuracyChart() {
        Chart chart = new Chart("Accuracy of the sampled answers per domain (IoU for boxes), moving average over "
                + window + " steps", "step", "mean accuracy").yRange(0, 1);
        double[] x = stepNumbers();
        for (String domain : domains()) {
            chart.add(new Chart.Series(domain, x, smooth(column(s -> domainValue(s, domain, "accuracy")))));
        }
        return chart;
    }

    Chart evaluationChart() {
        Chart chart = new Chart("Greedy evaluation accuracy (in-domain solid, OOD dashed)", "step", "accuracy")
                .yRange(0, 1);
        double[] x = evaluations.stream().mapToDouble(e -> e.path("step").asDouble()).toArray();
        for (String benchmark : benchmarks()) {
            boolean ood = benchmark.startsWith("ood-");
            chart.add(new Chart.Series(benchmark, x, evaluations.stream()
                    .mapToDouble(e -> e.path("benchmarks").has(benchmark)
                            ? e.path("benchmarks").path(benchmark).path("accuracy").asDouble() : Double.NaN)
                    .toArray(), ood));
        }
        return chart;
    }

    Chart phaseChart() {
        Chart chart = new Chart("Step time by phase, moving average over " + window + " steps", "step", "seconds")
                .stacked();
        double[] x = stepNumbers();
        for (String phase : PHASES) {
            chart.add(new Chart.Series(phase, x, smooth(column(s -> s.path("seconds").path(phase).asDouble()))));
        }
        return chart;
    }

    /** Markdown: the job, the evaluation at step 0 and at the end per benchmark with item counts, phase medians. */
    String summary() {
        StringBuilder md = new StringBuilder();
        JsonNode spec = job.path("spec");
        md.append("Job `").append(job.path("id").asString()).append("` (").append(job.path("name").asString())
                .append("): ").append(job.path("status").asString()).append(", ").append(job.path("step").asInt())
                .append(" of ").append(job.path("steps").asInt()).append(" steps; policy ")
                .append(spec.path("policy").path("name").asString()).append(" v")
                .append(spec.path("policy").path("version").asInt()).append("; mixture ")
                .append(spec.path("mixture").toString()).append("; ").append(spec.path("promptsPerStep").asInt())
                .append(" prompts × ").append(spec.path("groupSize").asInt()).append(" samples per step.\n\n");
        if (!evaluations.isEmpty()) {
            JsonNode first = evaluations.get(0);
            JsonNode last = evaluations.get(evaluations.size() - 1);
            md.append("| benchmark | items | step ").append(first.path("step").asInt()).append(" | step ")
                    .append(last.path("step").asInt()).append(" | change (points) |\n|---|---|---|---|---|\n");
            for (String benchmark : benchmarks()) {
                JsonNode a = first.path("benchmarks").path(benchmark);
                JsonNode b = last.path("benchmarks").path(benchmark);
                md.append("| ").append(benchmark).append(" | ").append(b.path("items").asInt()).append(" | ")
                        .append(f3(a.path("accuracy").asDouble())).append(" | ")
                        .append(f3(b.path("accuracy").asDouble())).append(" | ")
                        .append(signed(100 * (b.path("accuracy").asDouble() - a.path("accuracy").asDouble())))
                        .append(" |\n");
            }
            md.append("| **in-domain mean** | | ").append(f3(first.path("inScore").asDouble())).append(" | ")
                    .append(f3(last.path("inScore").asDouble())).append(" | ")
                    .append(signed(100 * (last.path("inScore").asDouble() - first.path("inScore").asDouble())))
                    .append(" |\n");
            md.append("| **OOD mean** | | ").append(f3(first.path("outScore").asDouble())).append(" | ")
                    .append(f3(last.path("outScore").asDouble())).append(" | ")
                    .append(signed(100 * (last.path("outScore").asDouble() - first.path("outScore").asDouble())))
                    .append(" |\n\n");
        }
        if (!steps.isEmpty()) {
            md.append("Median seconds per step:");
            for (String phase : PHASES) {
                md.append(' ').append(phase).append(' ')
                        .append(f3(median(column(s -> s.path("seconds").path(phase).asDouble())))).append(',');
            }
            md.append(" total ").append(f3(median(column(s -> s.path("seconds").path("total").asDouble()))))
                    .append(" (").append(steps.size()).append(" steps).\n");
        }
        return md.toString();
    }

    private double[] stepNumbers() {
        return steps.stream().mapToDouble(s -> s.path("step").asDouble()).toArray();
    }

    private double[] column(java.util.function.ToDoubleFunction<JsonNode> value) {
        return steps.stream().mapToDouble(value).toArray();
    }

    private static double domainValue(JsonNode step, String domain, String field) {
        JsonNode d = step.path("domains").path(domain);
        return d.isMissingNode() ? Double.NaN : d.path(field).asDouble();
    }

    private List<String> domains() {
        TreeSet<String> names = new TreeSet<>();
        steps.forEach(s -> names.addAll(s.path("domains").propertyNames()));
        return List.copyOf(names);
    }

    /** In-domain benchmarks first, then the OOD ones, each alphabetical. */
    private List<String> benchmarks() {
        TreeSet<String> names = new TreeSet<>();
        evaluations.forEach(e -> names.addAll(e.path("benchmarks").propertyNames()));
        List<String> ordered = new ArrayList<>(names.stream().filter(n -> !n.startsWith("ood-")).toList());
        ordered.addAll(names.stream().filter(n -> n.startsWith("ood-")).toList());
        return ordered;
    }

    /** Trailing moving average that skips steps without a value (a domain not drawn that step). */
    double[] smooth(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            int n = 0;
            for (int k = Math.max(0, i - window + 1); k <= i; k++) {
                if (Double.isFinite(values[k])) {
                    sum += values[k];
                    n++;
                }
            }
            out[i] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }

    private static void writeAtomically(Path file, String text) {
        AtomicFiles.write(file, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
