package io.modomodo.local.study;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.http.ResponseEntity;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import io.modomodo.api.mixture.CreateStudyRequest;
import io.modomodo.api.mixture.StudyResponse;
import io.modomodo.console.ReportPage;
import io.modomodo.local.CliException;
import io.modomodo.local.Shutdown;

/**
 * Drives one managed study through a gateway, as {@code demo} and {@code study} do: makes sure the
 * base policy exists and is READY (creating it on first use), creates the study, starts an execution
 * with the preset, shows its progress until it ends, then fetches the report, writes it to
 * {@code <report dir>/<study id>.json} (and the console's offline page to {@code <study id>.html}) and
 * prints it as tables. Ctrl-C (or the timeout) cancels the
 * execution, so nothing keeps training for a caller who has gone.
 */
public final class StudyDriver {

    private static final Set<String> TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    /** How long the gateway may stay unreachable (a service restarting) before the CLI gives up. */
    private static final Duration OUTAGE_TOLERANCE = Duration.ofMinutes(3);
    private static final JsonMapper json = JsonMapper.builder().build();

    private final GatewayApi api;
    private final PrintWriter out;
    private final boolean interactive;
    private final Supplier<Optional<String>> platformFailure;

    /**
     * @param interactive whether {@code out} is a terminal (progress redrawn in place) or a log
     * @param platformFailure what went wrong with the platform under the gateway, checked at each poll
     *        (the local platform's children); empty while all is well
     */
    public StudyDriver(GatewayApi api, PrintWriter out, boolean interactive,
            Supplier<Optional<String>> platformFailure) {
        this.api = api;
        this.out = out;
        this.interactive = interactive;
        this.platformFailure = platformFailure;
    }

    public StudyOutcome run(StudyPlan plan) {
        long started = System.nanoTime();
        Deadline deadline = new Deadline(plan.timeout(), started);
        ensurePolicy(plan, deadline);

        StudyResponse study = api.call("POST", "/api/v1/studies",
                () -> api.mixture().createStudy(new CreateStudyRequest(plan.name(), plan.domains(), null)));
        String studyId = study.id().toString();
        say("Study %s (%s) over %s", plan.name(), studyId, String.join(", ", plan.domains()));

        String executions = "/api/v1/studies/" + studyId + "/executions";
        ResponseEntity<JsonNode> created = api.post(executions, executionRequest(plan));
        String executionId = GatewayApi.idFromLocation(created.getHeaders().getLocation())
                .or(() -> Json.text(created.getBody(), "id"))
                .orElseThrow(() -> new CliException("POST " + executions + " answered "
                        + created.getStatusCode().value() + " without a Location header or an id"));
        String executionPath = executions + "/" + executionId;
        say("Execution %s started with preset %s (%s)", executionId, plan.preset().apiName(), api.baseUrl() + executionPath);

        Runnable cancel = () -> cancel(executionPath, "interrupted");
        Shutdown.register(cancel);
        JsonNode last;
        String status;
        try {
            last = follow(executionPath, plan.poll(), deadline, started);
            status = Json.text(last, "status").orElse("UNKNOWN");
            if (!TERMINAL.contains(status)) {
                cancel(executionPath, "timed out after " + Durations.format(plan.timeout()));
                status = "TIMED_OUT";
            }
        }
        finally {
            if (!Shutdown.inProgress()) {
                Shutdown.remove(cancel);
            }
        }
        String error = Json.text(last, "error").orElse(null);
        Path report = writeReport(studyId, plan.name(), last, plan.reportDirectory(), status.equals("SUCCEEDED"));
        say("Study %s: execution %s %s after %s%s", plan.name(), executionId, status.toLowerCase(Locale.ROOT),
                Durations.format(Duration.ofNanos(System.nanoTime() - started)), error != null ? ": " + error : "");
        return new StudyOutcome(studyId, executionId, status, error, report);
    }

    /** {@code {"preset": …, "training": {"policy": {"name": …}}}}: the preset sets everything else. */
    static Map<String, Object> executionRequest(StudyPlan plan) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("preset", plan.preset().apiName());
        body.put("training", Map.of("policy", Map.of("name", plan.policy())));
        return body;
    }

    private void ensurePolicy(StudyPlan plan, Deadline deadline) {
        String path = "/api/v1/policies/" + plan.policy();
        Optional<JsonNode> existing = api.get(path);
        if (existing.isEmpty()) {
            say("Creating base policy %s (a warm start; it is reused on the next run)", plan.policy());
            try {
                api.post("/api/v1/policies", plan.preset().policyRequest(plan.policy()));
            }
            catch (ApiException ex) {
                if (ex.status() != 409) {
                    throw ex;
                }
                // Another caller created it a moment ago: wait for theirs.
            }
        }
        else {
            say("Reusing base policy %s (%s)", plan.policy(), Json.text(existing.get(), "status").orElse("?"));
        }
        ProgressPrinter progress = new ProgressPrinter(out, interactive, 30_000);
        long started = System.nanoTime();
        while (true) {
            JsonNode policy = tolerant("GET " + path, () -> api.get(path)).orElseThrow(() -> new CliException(
                    "base policy " + plan.policy() + " disappeared while it was being created"));
            String status = Json.text(policy, "status").orElse("?");
            if (status.equals("READY")) {
                progress.finish();
                if (existing.isEmpty() || !"READY".equals(Json.text(existing.get(), "status").orElse(""))) {
                    say("Base policy %s is READY (%s)", plan.policy(),
                            Durations.format(Duration.ofNanos(System.nanoTime() - started)));
                }
                return;
            }
            if (status.equals("FAILED")) {
                progress.finish();
                throw new CliException("base policy " + plan.policy() + " failed: "
                        + Json.text(policy, "error").orElse("no reason given")
                        + " (pass --policy <another name> to create a new one)");
            }
            progress.update(policyLine(policy, Duration.ofNanos(System.nanoTime() - started)), status,
                    System.currentTimeMillis());
            checkPlatform();
            if (deadline.passed()) {
                progress.finish();
                throw new CliException("base policy " + plan.policy() + " still " + status + " after the timeout");
            }
            sleep(plan.poll());
        }
    }

    /** {@code base policy demo-base: CREATING, warm start step 40/150, loss 1.234 | 1m 10s}. */
    static String policyLine(JsonNode policy, Duration elapsed) {
        StringBuilder line = new StringBuilder("base policy ").append(Json.text(policy, "name").orElse("?"))
                .append(": ").append(Json.text(policy, "status").orElse("?"));
        JsonNode losses = policy.get("warmStartLoss");
        if (losses != null && losses.isArray() && !losses.isEmpty()) {
            line.append(", warm start step ").append(losses.size());
            Json.number(policy.get("warmStart"), "steps").ifPresent(steps -> line.append('/').append(steps));
            JsonNode loss = losses.get(losses.size() - 1);
            if (loss.isNumber()) {
                line.append(", loss ").append(ReportTable.number(loss.numberValue().doubleValue()));
            }
        }
        return line.append(" | ").append(Durations.format(elapsed)).toString();
    }

    private JsonNode follow(String executionPath, Duration poll, Deadline deadline, long started) {
        ProgressPrinter progress = new ProgressPrinter(out, interactive, 30_000);
        PhaseClock phases = new PhaseClock();
        JsonNode last = null;
        try {
            while (true) {
                checkPlatform();
                Optional<JsonNode> current = tolerant("GET " + executionPath, () -> api.get(executionPath));
                last = current.orElseThrow(() -> new CliException("execution " + executionPath + " is gone (404)"));
                phases.saw(Json.text(last, "phase").orElse(null), System.nanoTime());
                progress.update(ProgressLine.render(withRunningJob(last), Duration.ofNanos(System.nanoTime() - started)),
                        ProgressLine.milestone(last), System.currentTimeMillis());
                if (TERMINAL.contains(Json.text(last, "status").orElse(""))) {
                    return last;
                }
                if (deadline.passed()) {
                    return last;
                }
                sleep(poll);
            }
        }
        finally {
            progress.finish();
            String summary = phases.summary();
            if (!summary.isEmpty()) {
                say("Wall time by phase (to within one poll of %s): %s", Durations.format(poll), summary);
            }
        }
    }

    /**
     * The execution with {@code currentJob: {"step", "steps"}} of its running job added, from the
     * trainer's job list (jobs carry the label {@code execution=<id>}). The step is a nicety: when the
     * list cannot be read the line goes without it.
     */
    private JsonNode withRunningJob(JsonNode execution) {
        if (ProgressLine.jobCount(execution, "running").orElse(0) < 1 || !(execution instanceof ObjectNode object)) {
            return execution;
        }
        try {
            String id = Json.text(execution, "id").orElse("");
            Optional<JsonNode> page = api.get("/api/v1/jobs?status=RUNNING&label=execution=" + id + "&page=0&size=5");
            JsonNode jobs = page.map(p -> p.get("jobs")).orElse(null);
            if (jobs != null && jobs.isArray() && !jobs.isEmpty()) {
                ObjectNode copy = object.deepCopy();
                ObjectNode current = copy.putObject("currentJob");
                current.set("step", jobs.get(0).get("step"));
                current.set("steps", jobs.get(0).get("steps"));
                return copy;
            }
        }
        catch (ApiException ex) {
            // The trainer's list is not on the way of this gateway, or busy: no step this time.
        }
        return execution;
    }

    /**
     * Runs a read, riding out an outage of up to {@link #OUTAGE_TOLERANCE}: a service behind the
     * gateway may restart mid-study, and the execution carries on without it.
     */
    private <T> T tolerant(String what, Supplier<T> read) {
        long since = System.nanoTime();
        while (true) {
            try {
                return read.get();
            }
            catch (ApiException ex) {
                if (!ex.isTransient() || System.nanoTime() - since > OUTAGE_TOLERANCE.toNanos()) {
                    throw ex;
                }
                checkPlatform();
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    private void checkPlatform() {
        platformFailure.get().ifPresent(problem -> {
            throw new CliException("the platform failed: " + problem);
        });
    }

    private void cancel(String executionPath, String why) {
        try {
            api.post(executionPath + "/cancel", null);
            say("Cancelled the execution (%s)", why);
        }
        catch (CliException ex) {
            say("Could not cancel the execution (%s): %s", why, ex.getMessage());
        }
    }

    private Path writeReport(String studyId, String studyName, JsonNode execution, Path directory, boolean required) {
        String path = "/api/v1/studies/" + studyId + "/report";
        Optional<JsonNode> report;
        try {
            report = api.get(path);
        }
        catch (ApiException ex) {
            if (required) {
                throw ex;
            }
            return null;
        }
        if (report.isEmpty()) {
            if (required) {
                throw new CliException("the execution succeeded but GET " + path + " found no report");
            }
            return null;
        }
        Path file = directory.resolve(studyId + ".json");
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(studyId + ".json.tmp");
            Files.writeString(temporary, json.writerWithDefaultPrettyPrinter().writeValueAsString(report.get()));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new CliException("could not write the report to " + file + ": " + ex.getMessage(), ex);
        }
        Path page = writePage(studyId, studyName, execution, report.get(), directory);
        out.println();
        out.println("Result");
        out.println();
        out.print(ReportTable.render(report.get()));
        out.println();
        say("Report written to %s%s", file, page != null ? " and " + page : "");
        return file;
    }

    /** The console's offline page of the study (charts included): {@code <study id>.html} beside the JSON. */
    private Path writePage(String studyId, String studyName, JsonNode execution, JsonNode report, Path directory) {
        Path page = directory.resolve(studyId + ".html");
        try {
            ObjectNode data = json.createObjectNode();
            data.set("study", api.get("/api/v1/studies/" + studyId).orElse(null));
            data.set("runs", api.get("/api/v1/studies/" + studyId + "/runs?page=0&size=500")
                    .map(runs -> runs.get("runs")).orElse(json.createArrayNode()));
            data.set("execution", execution);
            data.set("report", report);
            ReportPage.write(page, studyName, json.writeValueAsString(data));
            return page;
        }
        catch (RuntimeException ex) {
            say("Could not write the HTML report %s: %s", page, ex.getMessage());
            return null;
        }
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", ex);
        }
    }

    private record Deadline(Duration timeout, long startedNanos) {

        boolean passed() {
            return timeout != null && System.nanoTime() - startedNanos > timeout.toNanos();
        }
    }
}
