package io.foldersync.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium driven by Selenium through its chromedriver, both found on this machine
 * (Debian's {@code chromium} and {@code chromium-driver}; {@code FOLDERSYNC_CHROMIUM} and
 * {@code FOLDERSYNC_CHROMEDRIVER} override the paths). Paths are given explicitly: nothing is
 * downloaded at test time. Without a browser the tests are skipped ({@link Required}) with a message
 * saying how to get one, except on CI ({@code CI} set), where they fail: CI installs the browser
 * ({@code .ci/run}).
 */
final class Chromium implements AutoCloseable {

    /** Where the tests save their screenshots (under Maven's target directory). */
    static final Path SCREENSHOTS = Path.of("target", "page-screenshots");

    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    final ChromeDriver driver;

    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Put on a browser test class: without a browser its tests are skipped (each reported with the
     * reason), except on CI, where they run and fail in {@link #start}.
     */
    static final class Required implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = missing();
            if (missing == null || System.getenv("CI") != null) {
                return ConditionEvaluationResult.enabled("a headless Chromium is here (or this is CI)");
            }
            return ConditionEvaluationResult.disabled("browser test skipped: " + missing);
        }
    }

    /** Why no browser can be started here, or null when one can. */
    static String missing() {
        Optional<String> browser = find("FOLDERSYNC_CHROMIUM", BROWSERS);
        Optional<String> driverPath = find("FOLDERSYNC_CHROMEDRIVER", DRIVERS);
        if (browser.isPresent() && driverPath.isPresent()) {
            return null;
        }
        return "no headless Chromium here (" + (browser.isEmpty() ? "chromium" : "chromedriver")
                + " not found): install it with 'apt-get install -y --no-install-recommends chromium chromium-driver'"
                + " or point FOLDERSYNC_CHROMIUM / FOLDERSYNC_CHROMEDRIVER at one";
    }

    /** Starts a browser with a window of {@code width} x {@code height}; fails when there is none. */
    static Chromium start(int width, int height) {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException("browser tests must run on CI: " + missing);
        }
        Optional<String> browser = find("FOLDERSYNC_CHROMIUM", BROWSERS);
        Optional<String> driverPath = find("FOLDERSYNC_CHROMEDRIVER", DRIVERS);
        Path profile;
        try {
            profile = Files.createTempDirectory("foldersync-chromium-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driverPath.get()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Chromium(driver, profile);
    }

    private static Optional<String> find(String variable, List<String> candidates) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        List<String> all = new java.util.ArrayList<>(candidates);
        String githubDriver = System.getenv("CHROMEWEBDRIVER"); // GitHub's Ubuntu runners
        if (githubDriver != null && variable.endsWith("CHROMEDRIVER")) {
            all.add(githubDriver + "/chromedriver");
        }
        return all.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst();
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as {@code target/page-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

}
