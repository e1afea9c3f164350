package io.modomodo.local.study;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;

/**
 * One line showing how far a study execution is: a bar, the phase, job i of n, the running job's step
 * and the ETA, e.g. {@code [#########---------------]  37%  pilot | job 3 of 8 | step 12/40 | ETA 6m 10s | 3m 02s}.
 *
 * <p>Reads the execution's {@code status}, {@code phase}, {@code jobs.planned}, {@code jobs.submitted},
 * {@code jobs.finished}, {@code jobs.running}, {@code etaSeconds} and the running job's
 * {@code currentJob.step}/{@code currentJob.steps}, which the driver adds from the trainer's job list
 * (or top-level {@code step}/{@code steps}); whatever is missing is left out of the line.
 */
public final class ProgressLine {

    static final int BAR_WIDTH = 24;

    private ProgressLine() {
    }

    /** The line for {@code execution} after {@code elapsed}. ASCII only: it must read in any terminal and CI log. */
    public static String render(JsonNode execution, Duration elapsed) {
        String status = Json.text(execution, "status").orElse("RUNNING");
        OptionalLong planned = jobCount(execution, "planned");
        long finished = jobCount(execution, "finished").orElse(0);
        long submitted = jobCount(execution, "submitted").orElse(finished);
        OptionalLong running = jobCount(execution, "running");
        boolean jobRunning = running.isPresent() ? running.getAsLong() > 0 : submitted > finished;
        JsonNode current = execution.get("currentJob");
        OptionalLong step = Json.number(current != null ? current : execution, "step");
        OptionalLong steps = Json.number(current != null ? current : execution, "steps");

        double fraction;
        if (status.equals("SUCCEEDED")) {
            fraction = 1.0;
        }
        else if (planned.isPresent() && planned.getAsLong() > 0) {
            double stepFraction = jobRunning && step.isPresent() && steps.isPresent() && steps.getAsLong() > 0
                    ? Math.min(1.0, (double) step.getAsLong() / steps.getAsLong()) : 0.0;
            fraction = Math.min(1.0, (finished + stepFraction) / planned.getAsLong());
        }
        else {
            fraction = 0.0;
        }

        List<String> parts = new ArrayList<>();
        Json.text(execution, "phase").map(p -> p.toLowerCase(Locale.ROOT)).ifPresent(parts::add);
        if (planned.isPresent() && planned.getAsLong() > 0) {
            long index = jobRunning ? Math.min(finished + 1, planned.getAsLong()) : finished;
            parts.add("job " + index + " of " + planned.getAsLong());
        }
        else if (submitted > 0) {
            parts.add(finished + " of " + submitted + " jobs done");
        }
        if (jobRunning && step.isPresent()) {
            parts.add("step " + step.getAsLong() + (steps.isPresent() ? "/" + steps.getAsLong() : ""));
        }
        if (!status.equals("RUNNING")) {
            parts.add(status.toLowerCase(Locale.ROOT));
        }
        else {
            OptionalLong eta = Json.number(execution, "etaSeconds");
            if (eta.isPresent() && eta.getAsLong() >= 0) {
                parts.add("ETA " + Durations.format(Duration.ofSeconds(eta.getAsLong())));
            }
        }
        parts.add(Durations.format(elapsed));
        return bar(fraction) + String.format(Locale.ROOT, " %3d%%  ", (int) Math.floor(fraction * 100))
                + String.join(" | ", parts);
    }

    /**
     * A job count: {@code jobs.<name>} as the mixture-service sends it ({@code {"planned", "submitted",
     * "finished", "running", "retried"}}), or a flat {@code jobs<Name>}.
     */
    static OptionalLong jobCount(JsonNode execution, String name) {
        OptionalLong nested = Json.number(execution.get("jobs"), name);
        return nested.isPresent() ? nested
                : Json.number(execution, "jobs" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    /**
     * What changes the line in a way worth a new line in a log (not a terminal): status, phase and job
     * counts, not the step or the ETA.
     */
    public static String milestone(JsonNode execution) {
        return Json.text(execution, "status").orElse("") + "/" + Json.text(execution, "phase").orElse("") + "/"
                + jobCount(execution, "submitted").orElse(0) + "/" + jobCount(execution, "finished").orElse(0);
    }
}
