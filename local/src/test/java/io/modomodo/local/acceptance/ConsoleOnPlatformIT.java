package io.modomodo.local.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

import io.modomodo.local.platform.FreePorts;
import io.modomodo.local.platform.Launcher;
import io.modomodo.local.platform.Platform;
import io.modomodo.local.platform.PlatformConfig;
import io.modomodo.local.platform.ServiceSpec;
import io.modomodo.local.study.GatewayApi;
import io.modomodo.local.study.Preset;
import io.modomodo.local.study.StudyDriver;
import io.modomodo.local.study.StudyOutcome;
import io.modomodo.local.study.StudyPlan;
import io.modomodo.testing.browser.HeadlessChromium;

/**
 * The web console in headless Chromium against the real platform (the five service jars as children,
 * embedded PostgreSQL) after a {@code smoke} study: every chart draws as many series as the API has data
 * for, the study links to the job that trained a run, a running job's page follows it live, and the
 * services page sees every service ready. Screenshots go to {@code target/console-platform/}. Enabled with
 * {@code -Dmodomodo.e2e=true}, like the demo's acceptance test.
 */
@DisabledIfSystemProperty(named = "modomodo.e2e", matches = "false")
class ConsoleOnPlatformIT {

    private static final Path SHOTS = Path.of("target", "console-platform");

    private static Platform platform;
    private static GatewayApi api;
    private static String studyId;
    private static String gateway;

    @BeforeAll
    static void runSmokeStudy() throws Exception {
        Path work = Files.createTempDirectory("console-platform");
        PlatformConfig config = new PlatformConfig(Launcher.repository(), work, FreePorts.portBase(), ServiceSpec.ALL,
                PlatformConfig.currentJava(), Duration.ofMinutes(10), Duration.ofSeconds(30));
        StringWriter log = new StringWriter();
        PrintWriter out = new PrintWriter(log, true);
        platform = Platform.start(config, out);
        gateway = config.gatewayUrl();
        api = new GatewayApi(gateway, null);
        StudyOutcome outcome = new StudyDriver(api, out, false, platform::failure).run(new StudyPlan("console-e2e",
                Preset.SMOKE, List.of("count", "attribute"), "smoke-base", work.resolve("reports"),
                Duration.ofMinutes(20), Duration.ofSeconds(2)));
        assertThat(outcome.succeeded()).as(log.toString()).isTrue();
        studyId = outcome.studyId();
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void consoleShowsTheStudyItsJobsAndTheServicesAsTheApisReportThem() throws Exception {
        JsonNode runs = api.get("/api/v1/studies/" + studyId + "/runs?page=0&size=200").orElseThrow();
        JsonNode report = api.get("/api/v1/studies/" + studyId + "/report").orElseThrow();
        Set<String> arms = new LinkedHashSet<>();
        report.path("finalRuns").forEach(run -> arms.add(run.path("arm").asString()));

        WebDriver browser = HeadlessChromium.start();
        try {
            browser.manage().window().setSize(new Dimension(1280, 800));
            browser.get(gateway + "/#/studies");
            waitFor(browser, By.cssSelector("#studies-table a[href='#/studies/" + studyId + "']")).click();
            waitForPage(browser);
            assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(runs.path("runs").size());
            assertSeries(browser, "pilot-chart", 1);
            assertSeries(browser, "fit-chart-0", 2);
            assertSeries(browser, "fit-chart-1", 2);
            assertSeries(browser, "proposal-chart", 1);
            assertSeries(browser, "final-chart", arms.size());
            assertThat(arms).contains("proposal", "uniform", "base");
            screenshot(browser, "study");

            WebElement jobLink = browser.findElement(By.cssSelector("#runs-table a[href^='#/jobs/']"));
            String jobId = jobLink.getAttribute("href").replaceAll(".*#/jobs/", "");
            jobLink.click();
            waitForPage(browser);
            JsonNode metrics = api.get("/api/v1/jobs/" + jobId + "/metrics").orElseThrow();
            Set<String> domains = new LinkedHashSet<>();
            metrics.path("steps").forEach(step -> domains.addAll(step.path("domains").propertyNames()));
            assertSeries(browser, "reward-chart", 1 + domains.size());
            assertSeries(browser, "accuracy-chart", domains.size());
            assertSeries(browser, "time-chart", 5);
            JsonNode evaluations = api.get("/api/v1/jobs/" + jobId + "/evaluations").orElseThrow();
            Set<String> benchmarks = new LinkedHashSet<>();
            evaluations.path("evaluations").forEach(e -> benchmarks.addAll(e.path("benchmarks").propertyNames()));
            assertSeries(browser, "eval-chart", 2 + benchmarks.size());
            screenshot(browser, "job");

            browser.get(gateway + "/#/services");
            waitFor(browser, By.cssSelector("#services-table tbody tr"));
            List<WebElement> rows = browser.findElements(By.cssSelector("#services-table tbody tr"));
            assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row.getText()).contains("UP"));
            screenshot(browser, "services");

            browser.get(gateway + "/#/jobs");
            waitFor(browser, By.cssSelector("#jobs-table tbody tr"));
            screenshot(browser, "jobs");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aRunningJobsPageFollowsItsStepsLive() throws Exception {
        JsonNode job = api.post("/api/v1/jobs", Map.of("name", "console-live", "policy", Map.of("name", "smoke-base"),
                "mixture", Map.of("count", 0.5, "attribute", 0.5), "steps", 6, "promptsPerStep", 2, "groupSize", 2,
                "sampling", Map.of("maxNewTokens", 16), "eval", Map.of("every", 100, "itemsPerBenchmark", 2,
                        "benchmarks", List.of("count")))).getBody();
        String id = job.path("id").asString();
        WebDriver browser = HeadlessChromium.start();
        try {
            browser.get(gateway + "/#/jobs/" + id);
            waitForPage(browser);
            // The page was drawn once; every later step reaches it through the job's event stream (or its
            // slow poll), never through a reload.
            js(browser, "window.__loadedOnce = true");
            new WebDriverWait(browser, Duration.ofMinutes(5)).until(b -> text(b, "#job-progress").startsWith("6 / 6")
                    || text(b, "#job-state").contains("SUCCEEDED"));
            assertThat(js(browser, "return window.__loadedOnce === true")).isEqualTo(true);
            screenshot(browser, "job-live");
        } finally {
            browser.quit();
        }
    }

    private static WebElement waitFor(WebDriver browser, By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
            List<WebElement> found = b.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private static void waitForPage(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "ready".equals(
                b.findElement(By.id("main")).getAttribute("data-state")));
    }

    private static void assertSeries(WebDriver browser, String id, int series) {
        assertThat(browser.findElement(By.id(id)).findElements(By.tagName("canvas"))).as("canvas in #%s", id)
                .isNotEmpty();
        Object drawn = js(browser, "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series.length", id);
        assertThat(((Number) drawn).intValue()).as("series in #%s", id).isEqualTo(series);
    }

    private static String text(WebDriver browser, String css) {
        Object text = js(browser, "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
        return String.valueOf(text).strip();
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
