package io.modomodo.local.study;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Follows one trainer job through the gateway until it ends, with a progress line (bar, step, what it is doing,
 * ETA from the step rate seen so far), and returns its final document.
 */
public final class JobWatcher {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final GatewayApi api;
    private final PrintWriter out;
    private final boolean interactive;

    public JobWatcher(GatewayApi api, PrintWriter out, boolean interactive) {
        this.api = api;
        this.out = out;
        this.interactive = interactive;
    }

    /** Polls {@code GET /api/v1/jobs/{id}} every {@code poll} until the job ends or {@code timeout} passes. */
    public JsonNode await(String jobId, Duration poll, Duration timeout) throws InterruptedException {
        ProgressPrinter printer = new ProgressPrinter(out, interactive, 30_000);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int firstStep = -1;
        long firstStepAt = 0;
        while (true) {
            JsonNode job = api.get("/api/v1/jobs/" + jobId)
                    .orElseThrow(() -> new IllegalArgumentException("no job " + jobId + " behind " + api.baseUrl()));
            String status = Json.text(job, "status").orElse("?");
            int step = job.path("step").asInt();
            int steps = Math.max(1, job.path("steps").asInt());
            long now = System.nanoTime();
            if (firstStep < 0 && step > 0) {
                firstStep = step;
                firstStepAt = now;
            }
            String eta = "";
            if (firstStep >= 0 && step > firstStep) {
                double perStep = (now - firstStepAt) / 1e9 / (step - firstStep);
                eta = " | ETA " + Durations.format(Duration.ofSeconds(Math.round(perStep * (steps - step))));
            }
            String line = String.format(Locale.ROOT, "%s %3d%%  %s | step %d/%d | %s%s | %s", bar((double) step / steps),
                    Math.round(100.0 * step / steps), status, step, steps, Json.text(job, "detail").orElse(""), eta,
                    Durations.format(Duration.ofNanos(now - start)));
            printer.update(line, status + (step * 10 / steps), System.currentTimeMillis());
            if (TERMINAL.contains(status)) {
                printer.finish();
                return job;
            }
            if (now > deadline) {
                printer.finish();
                throw new IllegalStateException("job " + jobId + " still " + status + " after " + Durations.format(timeout));
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * ProgressLine.BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(ProgressLine.BAR_WIDTH - filled) + "]";
    }
}
