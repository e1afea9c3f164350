package io.modomodo.local.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.modomodo.local.platform.FreePorts;
import io.modomodo.local.platform.Launcher;
import io.modomodo.local.platform.Platform;
import io.modomodo.local.platform.PlatformConfig;
import io.modomodo.local.platform.ServiceSpec;
import io.modomodo.local.study.ApiException;
import io.modomodo.local.study.GatewayApi;
import io.modomodo.local.study.Preset;

/**
 * A managed {@code smoke} execution on the real platform (the five service jars as children, embedded
 * PostgreSQL) whose trainer-service is killed with SIGKILL while it trains one of the execution's jobs,
 * and whose mixture-service is killed later while jobs remain to submit; each is started again on the
 * same port, database and checkpoints. The execution still succeeds, the trainer holds exactly one job
 * per planned slot and the study exactly one run per job. Skipped with {@code -Dmodomodo.e2e=false},
 * like the other acceptance tests.
 */
@DisabledIfSystemProperty(named = "modomodo.e2e", matches = "false")
class RestartOnPlatformIT {

    private static final Duration POLL = Duration.ofMillis(250);
    /** Generous: five JVMs, two of them restarted, on a shared 2-core machine under load. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** Kept when the test fails: the services' logs are in {@code logs/}. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    private final StringWriter log = new StringWriter();
    private Platform platform;
    private GatewayApi api;
    private long deadline;

    @AfterEach
    void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        // The timeline (starts, kills, restarts) in the failsafe report, to see where the minutes went.
        System.out.println(log);
    }

    @Test
    void anExecutionWhoseTrainerAndMixtureServiceAreKilledMidwayFinishesWithEveryJobOnceAndEveryRunOnce()
            throws Exception {
        PlatformConfig config = new PlatformConfig(Launcher.repository(), work, FreePorts.portBase(), ServiceSpec.ALL,
                PlatformConfig.currentJava(), Duration.ofMinutes(10), Duration.ofSeconds(30));
        long started = System.nanoTime();
        PrintWriter out = new PrintWriter(log, true);
        out.println("Work directory (kept when the test fails): " + work);
        platform = Platform.start(config, out);
        deadline = System.nanoTime() + TIMEOUT.toNanos();
        api = new GatewayApi(config.gatewayUrl(), null);

        String policy = "smoke-base";
        api.post("/api/v1/policies", Preset.SMOKE.policyRequest(policy));
        await("base policy READY", () -> read("/api/v1/policies/" + policy),
                p -> p.path("status").asString().equals("READY"));
        String study = api.post("/api/v1/studies", Map.of("name", "restart-e2e", "domains", Preset.SMOKE.domains()))
                .getBody().path("id").asString();
        String execution = api.post("/api/v1/studies/" + study + "/executions", Map.of("preset", "smoke",
                "training", Map.of("policy", Map.of("name", policy)))).getBody().path("id").asString();
        String executionPath = "/api/v1/studies/" + study + "/executions/" + execution;
        String jobsOfExecution = "/api/v1/jobs?label=execution=" + execution + "&page=0&size=200";

        // Past its first step, so the trainer dies with training state of this job written and more to come.
        JsonNode interrupted = await("a job of the execution RUNNING past step 1",
                () -> read("/api/v1/jobs?status=RUNNING&label=execution=" + execution + "&page=0&size=5"),
                page -> page.path("jobs").size() > 0 && page.path("jobs").get(0).path("step").asInt() >= 1)
                .path("jobs").get(0);
        platform.kill("trainer-service");
        out.printf("%.0f s: trainer killed while job %s was at step %d of %d%n", seconds(started),
                interrupted.path("id").asString(), interrupted.path("step").asInt(), interrupted.path("steps").asInt());
        platform.restart("trainer-service");

        JsonNode beforeMixtureKill = await("another job finished, one running and jobs left to submit",
                () -> read(executionPath), e -> {
                    JsonNode jobs = e.path("jobs");
                    return !e.path("status").asString().equals("RUNNING") || jobs.path("running").asInt() >= 1
                            && jobs.path("finished").asInt() >= 2 && jobs.path("submitted").asInt() < jobs.path("planned").asInt();
                });
        assertThat(beforeMixtureKill.path("status").asString()).as("still running when the mixture-service dies: %s",
                beforeMixtureKill).isEqualTo("RUNNING");
        platform.kill("mixture-service");
        out.printf("%.0f s: mixture-service killed at %s%n", seconds(started), beforeMixtureKill.path("jobs"));
        platform.restart("mixture-service");

        JsonNode done = await("the execution ended", () -> read(executionPath),
                e -> !e.path("status").asString().equals("RUNNING"));
        out.printf("%.0f s: execution %s with %s%n", seconds(started), done.path("status").asString(), done.path("jobs"));

        assertThat(done.path("status").asString()).as("%s%n%s", done, log).isEqualTo("SUCCEEDED");
        int planned = done.path("jobs").path("planned").asInt();
        assertThat(planned).as("%s", done).isGreaterThan(beforeMixtureKill.path("jobs").path("submitted").asInt());
        assertThat(done.path("jobs").path("finished").asInt()).isEqualTo(planned);
        assertThat(done.path("jobs").path("retried").asInt()).as("no attempt failed").isZero();

        // No job twice: one trainer job per planned slot, each submitted under its own externalId.
        JsonNode trainerJobs = read(jobsOfExecution);
        assertThat(trainerJobs.path("total").asLong()).as("%s", trainerJobs).isEqualTo(planned);
        Set<String> jobIds = new HashSet<>();
        Set<String> externalIds = new HashSet<>();
        Set<String> slots = new HashSet<>();
        trainerJobs.path("jobs").forEach(job -> {
            assertThat(job.path("status").asString()).as("%s", job).isEqualTo("SUCCEEDED");
            jobIds.add(job.path("id").asString());
            externalIds.add(job.path("externalId").asString());
            slots.add(job.path("spec").path("labels").path("slot").asString());
        });
        assertThat(jobIds).hasSize(planned);
        assertThat(externalIds).hasSize(planned).allMatch(id -> id.startsWith("modomodo-" + execution + "-"));
        assertThat(slots).hasSize(planned);
        // The job the trainer died in was resumed under its own id, not replaced.
        assertThat(jobIds).contains(interrupted.path("id").asString());

        // No run lost, none twice: one run per job, keyed by the job's id.
        JsonNode runs = read("/api/v1/studies/" + study + "/runs?page=0&size=200");
        assertThat(runs.path("total").asLong()).as("%s", runs).isEqualTo(planned);
        List<String> runExternalIds = new ArrayList<>();
        runs.path("runs").forEach(run -> runExternalIds.add(run.path("externalId").asString()));
        assertThat(runExternalIds).containsExactlyInAnyOrderElementsOf(jobIds);
    }

    /** {@code GET path}, riding out the gateway's 502/503 while the service behind it restarts. */
    private JsonNode read(String path) {
        while (true) {
            try {
                return api.get(path).orElseThrow(() -> new AssertionError("GET " + path + ": 404"));
            }
            catch (ApiException ex) {
                if (!ex.isTransient() || System.nanoTime() > deadline) {
                    throw ex;
                }
                sleep();
            }
        }
    }

    private JsonNode await(String what, Supplier<JsonNode> read, Predicate<JsonNode> condition) {
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Optional<String> failure = platform.failure();
            assertThat(failure).as("while waiting for %s%n%s", what, log).isEmpty();
            last = read.get();
            if (condition.test(last)) {
                return last;
            }
            sleep();
        }
        throw new AssertionError("no " + what + " within " + TIMEOUT.toMinutes() + " min; last: " + last
                + System.lineSeparator() + log);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}
