// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Headless Chromium from Debian ({@code chromium}, {@code chromium-driver}) driven by Selenium with the system
 * binaries, so nothing is downloaded. Tests skip with a message naming what is missing when either is absent.
 */
final class Browser implements AutoCloseable {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    /**
     * Where screenshots go: {@code target/screenshots} on every run, so a test run leaves the working tree clean;
     * {@code -Dcp.screenshots=../docs/screenshots} refreshes the ones the README and docs/console.md show.
     */
    static final Path SCREENSHOTS = Path.of(System.getProperty("cp.screenshots", "target/screenshots"))
            .toAbsolutePath().normalize();

    final WebDriver driver;
    private final String base;

    private Browser(final WebDriver driver, final String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * @param base e.g. {@code http://127.0.0.1:8080}
     * @return a browser with a 1280×900 window; skips the test when Chromium or chromedriver is absent
     */
    static Browser open(final String base) {
        final Optional<String> browser = firstExisting(BROWSERS);
        final Optional<String> driver = firstExisting(DRIVERS);
        Assumptions.assumeTrue(browser.isPresent() && driver.isPresent(), "browser tests need Debian's chromium and "
                + "chromium-driver (apt-get install -y chromium chromium-driver); missing: "
                + (browser.isEmpty() ? "chromium " : "") + (driver.isEmpty() ? "chromedriver" : ""));
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=zh-CN");
        final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver.get())).usingAnyFreePort().build();
        final ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(chrome, base);
    }

    private static Optional<String> firstExisting(final List<String> paths) {
        return paths.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    void go(final String path) {
        driver.get(base + path);
    }

    WebElement await(final By by) {
        return waitUntil(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    <T> T waitUntil(final ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(RuntimeException.class).until(condition);
    }

    /** Signs in on the console and waits for the board. */
    void signIn(final String username, final String password) {
        go("/console/");
        await(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#signin button[type=submit]")).click();
        await(By.id("board"));
    }

    void signOut() {
        driver.findElement(By.id("signout")).click();
        await(By.id("username"));
    }

    /** Writes a PNG of the current page to {@link #SCREENSHOTS}/{name}.png. */
    void screenshot(final String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0); document.activeElement.blur();");
        final File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(SCREENSHOTS);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
