package io.modomodo.local.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import tools.jackson.databind.JsonNode;

import io.modomodo.local.figures.JobFigures;
import io.modomodo.local.study.GatewayApi;
import io.modomodo.local.study.JobWatcher;

/** {@code modomodo job}: follow one training job and draw its figures. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = { "Follow a trainer job through a gateway until it ends (--watch) and write its figures "
                + "(--figures DIR): reward and accuracy per domain per step, greedy evaluations, step time by phase "
                + "(PNG), and a Markdown table of the evaluations at step 0 and at the end.",
                "Exit code 0 when the job succeeded (or, without --watch, exists); 1 otherwise." })
public final class JobCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "The job's id (from the Location of POST /api/v1/jobs).")
    String jobId;

    @Option(names = "--gateway", defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "The gateway, or a trainer-service directly: the job paths are the same (default: ${DEFAULT-VALUE}).")
    String gateway;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:MODOMODO_API_KEY}",
            description = "API key sent as 'Authorization: Bearer'; default: the MODOMODO_API_KEY environment variable.")
    String apiKey;

    @Option(names = "--watch", description = "Wait for the job to end, showing its progress.")
    boolean watch;

    @Option(names = "--timeout", defaultValue = "12h", paramLabel = "DURATION",
            description = "Give up watching after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--figures", paramLabel = "DIR", description = "Write the job's figures and summary here.")
    Path figures;

    @Option(names = "--prefix", paramLabel = "NAME", description = "File name prefix of the figures (default: the job's name).")
    String prefix;

    @Option(names = "--window", defaultValue = "10", paramLabel = "STEPS",
            description = "Moving-average window of the per-step curves (default: ${DEFAULT-VALUE}).")
    int window;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        GatewayApi api = new GatewayApi(gateway, apiKey);
        if (!jobId.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("JOB_ID must be a job's UUID: " + jobId);
        }
        JsonNode job = watch ? new JobWatcher(api, out, Home.interactive()).await(jobId, Duration.ofSeconds(2), timeout)
                : api.get("/api/v1/jobs/" + jobId)
                        .orElseThrow(() -> new IllegalArgumentException("no job " + jobId + " behind " + gateway));
        String status = job.path("status").asString();
        out.printf("Job %s (%s): %s at step %d of %d%n", jobId, job.path("name").asString(), status,
                job.path("step").asInt(), job.path("steps").asInt());
        if (!job.path("error").isMissingNode() && !job.path("error").isNull()) {
            out.println("  error: " + job.path("error").asString());
        }
        if (figures != null) {
            JsonNode metrics = api.get("/api/v1/jobs/" + jobId + "/metrics").orElseThrow();
            JsonNode evaluations = api.get("/api/v1/jobs/" + jobId + "/evaluations").orElseThrow();
            String name = prefix != null ? prefix : job.path("name").asString().replaceAll("[^A-Za-z0-9._-]", "-");
            List<Path> written = new JobFigures(job, metrics, evaluations, window).write(figures, name);
            written.forEach(file -> out.println("Wrote " + file));
        }
        out.flush();
        return !watch || status.equals("SUCCEEDED") ? 0 : 1;
    }
}
