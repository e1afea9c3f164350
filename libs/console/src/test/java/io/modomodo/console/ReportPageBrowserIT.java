package io.modomodo.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.modomodo.testing.browser.HeadlessChromium;

/**
 * The offline report opened from a file in headless Chromium draws the study's charts from its inline data
 * and asks the network for nothing.
 */
class ReportPageBrowserIT {

    @Test
    void reportFileOpensOfflineWithEveryChartAndFetchesNothing() throws Exception {
        Random random = new Random(3);
        List<String> runs = new ArrayList<>();
        List<String> predictions = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double a = random.nextDouble();
            double score = random.nextDouble();
            runs.add(String.format(Locale.ROOT, "{\"id\": \"r%d\", \"weights\": {\"count\": %.4f, \"ground\": %.4f},"
                    + " \"scores\": {\"count\": %.3f, \"ood-compare\": %.3f}, \"score\": %.4f, \"externalId\": \"j%d\"}",
                    i, a, 1 - a, random.nextDouble(), random.nextDouble(), score, i));
            predictions.add(String.format(Locale.ROOT, "{\"actual\": %.4f, \"predicted\": %.4f}", score,
                    score + random.nextGaussian() / 20));
        }
        String fit = "{\"n\": 6, \"r2\": 0.5, \"rmse\": 0.02, \"spearman\": 0.7, \"heldOut\": ["
                + String.join(",", predictions) + "]}";
        String finalRuns = String.join(",", List.of("proposal", "uniform", "base").stream().flatMap(arm ->
                java.util.stream.IntStream.of(1, 2).mapToObj(seed -> String.format(Locale.ROOT,
                        "{\"arm\": \"%s\", \"seed\": %d, \"benchmarks\": {\"count\": %.3f}, \"inScore\": %.3f,"
                                + " \"outScore\": %.3f}", arm, seed, random.nextDouble(), random.nextDouble(),
                        random.nextDouble()))).toList());
        String data = "{\"study\": {\"id\": \"s\", \"name\": \"offline <study>\", \"domains\": [\"count\", \"ground\"]},"
                + " \"runs\": [" + String.join(",", runs) + "], \"execution\": {\"status\": \"SUCCEEDED\","
                + " \"phase\": \"done\", \"jobs\": {\"finished\": 10, \"planned\": 10}},"
                + " \"report\": {\"surrogate\": \"quadratic\", \"fits\": {\"quadratic\": " + fit + ", \"linear\": " + fit
                + "}, \"proposal\": {\"weights\": {\"count\": 0.7, \"ground\": 0.3}, \"predicted\": 0.61},"
                + " \"finalRuns\": [" + finalRuns + "], \"comparisons\": [{\"against\": \"uniform\","
                + " \"metric\": \"outScore\", \"n\": 2, \"meanDifference\": 0.02, \"low\": -0.01, \"high\": 0.05}]}}";
        Path file = Path.of("target", "report", "offline.html").toAbsolutePath();
        ReportPage.write(file, "offline <study>", data);

        WebDriver browser = HeadlessChromium.start();
        try {
            browser.manage().window().setSize(new Dimension(1280, 800));
            browser.get(file.toUri().toString());
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> "ready".equals(
                    b.findElement(By.id("main")).getAttribute("data-state")));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Study offline <study>");
            assertThat(browser.findElements(By.cssSelector("#runs-table tbody tr"))).hasSize(6);
            for (String chart : List.of("pilot-chart", "fit-chart-0", "fit-chart-1", "proposal-chart", "final-chart")) {
                assertThat(browser.findElement(By.id(chart)).findElements(By.tagName("canvas"))).as(chart).isNotEmpty();
            }
            JavascriptExecutor js = (JavascriptExecutor) browser;
            Number fetched = (Number) js.executeScript("return performance.getEntriesByType('resource').length");
            assertThat(fetched.intValue()).isZero();
            Files.write(Path.of("target", "report", "offline.png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
