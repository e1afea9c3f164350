package io.modomodo.testing.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver ({@code chromium}, {@code chromium-driver}; {@code .ci/run} installs
 * them), both named by path so Selenium never looks for, or downloads, a browser or driver of its own.
 */
public final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getProperty("modomodo.test.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("modomodo.test.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    public static WebDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Browser tests need " + BROWSER + " and " + DRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does it)");
        }
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            // The machine's network is closed: without the background-networking flags Chromium keeps
            // dialling Google's hosts; as root it needs --no-sandbox.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create a Chromium profile folder", e);
        }
    }
}
