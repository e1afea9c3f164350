package io.modomodo.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.modomodo.testing.browser.HeadlessChromium;

/**
 * The console in a real headless Chromium, served by the real gateway, whose routes lead to a fixture
 * backend speaking the services' APIs: each page renders its charts with as many series as the data
 * has, the study links to its job, a server-sent step updates the job page live, the services page shows
 * readiness, and the layout holds at a phone's width. Screenshots go to {@code target/console/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserIT {

    private static final ConsoleFixtureBackend backend = ConsoleFixtureBackend.start();
    private static final Path SHOTS = Path.of("target", "console");

    @LocalServerPort
    int port;

    private WebDriver browser;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"rollout", "reward", "trainer", "mixture"}) {
            registry.add("modomodo.gateway.services." + service, backend::url);
        }
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void studyPageDrawsEveryChartFromTheApisAndLinksToTheJobThatTrainedARun() throws Exception {
        open("#/studies");
        WebElement link = waitFor(By.cssSelector("#studies-table a"));
        assertThat(link.getText()).isEqualTo("console-fixture");
        link.click();
        waitForPage();

        assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(backend.runs.size());
        assertCanvasWithSeries("pilot-chart", 1);
        assertCanvasWithSeries("fit-chart-0", 2);
        assertCanvasWithSeries("fit-chart-1", 2);
        assertCanvasWithSeries("proposal-chart", 1);
        assertCanvasWithSeries("final-chart", 3);
        assertThat(text("#execution-phase")).isEqualTo("final");
        assertThat(browser.findElement(By.id("execution")).getText()).contains("8 / 14").contains("7.0 min");
        assertThat(browser.findElements(By.cssSelector("#diff-table tbody tr"))).hasSize(1);
        screenshot("study");

        browser.findElement(By.cssSelector("#runs-table a[href='#/jobs/" + backend.jobId + "']")).click();
        waitForPage();
        assertThat(browser.getCurrentUrl()).endsWith("#/jobs/" + backend.jobId);
        assertThat(text("h1")).isEqualTo("Job pilot-1");
    }

    @Test
    void jobPageDrawsPerDomainCurvesAndUpdatesLiveFromServerSentEvents() throws Exception {
        open("#/jobs");
        waitFor(By.cssSelector("#jobs-table a")).click();
        waitForPage();
        int domains = ConsoleFixtureBackend.DOMAINS.size();
        assertCanvasWithSeries("reward-chart", 1 + domains);
        assertCanvasWithSeries("accuracy-chart", domains);
        assertCanvasWithSeries("eval-chart", 2 + ConsoleFixtureBackend.BENCHMARKS.size());
        assertCanvasWithSeries("stats-chart", 3);
        assertCanvasWithSeries("time-chart", 5);
        assertThat(text("#job-progress")).contains(backend.steps.size() + " / " + backend.jobSteps);
        screenshot("job");

        backend.releaseLiveStep.countDown();
        String next = (backend.steps.size() + 1) + " / " + backend.jobSteps;
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> text("#job-progress").contains(next));
        Object points = js("return echarts.getInstanceByDom(document.getElementById('reward-chart'))"
                + ".getOption().xAxis[0].data.length");
        assertThat(((Number) points).intValue()).isEqualTo(backend.steps.size() + 1);
    }

    @Test
    void servicesPageShowsEachServicesReadinessAndItsDatabase() throws Exception {
        open("#/services");
        waitFor(By.cssSelector("#services-table tbody tr"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#services-table tbody tr"));
        assertThat(rows).hasSize(4);
        assertThat(rows).allSatisfy(row -> assertThat(row.getText()).contains("UP").contains("db"));
        screenshot("services");
    }

    @Test
    void pagesFitAPhoneWidthAndTheNavigationIsReachableByKeyboard() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("#/jobs");
        waitFor(By.cssSelector("#jobs-table a")).click();
        waitForPage();
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(1);
        screenshot("job-phone");

        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        String first = (String) js("return document.activeElement.textContent");
        assertThat(first).isEqualTo("Skip to content");
        WebElement studies = browser.findElement(By.cssSelector("a[data-nav='studies']"));
        studies.sendKeys(Keys.ENTER);
        waitFor(By.cssSelector("#studies-table a"));
        assertThat(studies.getAttribute("aria-current")).isEqualTo("page");
    }

    private void open(String hash) {
        browser.get("http://localhost:" + port + "/" + hash);
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> {
            List<WebElement> found = b.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void waitForPage() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> "ready".equals(
                b.findElement(By.id("main")).getAttribute("data-state")));
    }

    private void assertCanvasWithSeries(String id, int series) {
        WebElement chart = browser.findElement(By.id(id));
        assertThat(chart.findElements(By.tagName("canvas"))).as("canvas in #%s", id).isNotEmpty();
        Object drawn = js("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series.length", id);
        assertThat(((Number) drawn).intValue()).as("series in #%s", id).isEqualTo(series);
    }

    // Read in one script call: live updates replace the element between a find and a getText.
    private String text(String css) {
        Object text = js("const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", css);
        return String.valueOf(text).strip();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }
}
