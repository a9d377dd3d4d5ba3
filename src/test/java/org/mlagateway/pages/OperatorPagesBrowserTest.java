package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.testing.ApiClient;
import org.mlagateway.testing.TwoGateways;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator pages in a real browser: Debian's chromium, headless, driven by its chromedriver
 * (both named explicitly, so that Selenium Manager never looks for a driver on the network). Logs
 * in, filters the log by partner and by Kazakh text, opens a message, verifies it, downloads its
 * envelope and compares it with the stored bytes; an auditor sees the message with person fields
 * masked. Screenshots go to {@code target/screenshots/}. Skipped, with a
 * notice, where chromium or chromedriver is not installed ({@code .ci/run} installs them).
 */
class OperatorPagesBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static PopulatedGateways world;
    static WebDriver browser;
    static Path downloads;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(chromiumPresent(), "chromium and chromedriver are needed for the browser test");
        world = new PopulatedGateways(dir.resolve("gateways"));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        // An English-speaking browser: the KZ sample's pages default to Kazakh otherwise.
        browser = chromium(dir.resolve("profile"), downloads, "en-US,en", 1400);
        Files.createDirectories(SCREENSHOTS);
    }

    /** Headless chromium through its chromedriver, asking for {@code acceptLanguages}, {@code width} px wide. */
    static ChromeDriver chromium(Path profile, Path downloads, String acceptLanguages, int width) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=" + width + ",1000",
                "--lang=" + acceptLanguages.split(",")[0],
                "--user-data-dir=" + Files.createDirectories(profile));
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("safebrowsing.enabled", false);
        prefs.put("intl.accept_languages", acceptLanguages);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The header itself, for headless chromium may keep its own language list whatever the preference says.
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Accept-Language", acceptLanguages)));
        return driver;
    }

    /** Whether chromium and chromedriver are installed; says so when not. */
    static boolean chromiumPresent() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.out.println("NOTICE: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: browser tests skipped"
                    + " (Debian: apt-get install chromium chromium-driver)");
        }
        return present;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (world != null) {
            world.close();
        }
    }

    static void screenshot(String name) throws IOException {
        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, DEADLINE);
    }

    static List<WebElement> logRows() {
        return browser.findElements(By.cssSelector("table#log tr")).stream()
                .skip(1)
                .toList();
    }

    @Test
    void operatorLogsIn_filtersTheLog_opensAMessage_andDownloadsItsEnvelope() throws IOException {
        String ops = world.gateways.kz.opsUrl().toString();
        signOut(ops);
        browser.get(ops + "/log");
        assertEquals("Log in - MLA Gateway operator", browser.getTitle());
        browser.findElement(By.id("client")).sendKeys("operator");
        browser.findElement(By.id("token")).sendKeys(ApiClient.token(world.gateways.deployment, "kz-gpo", "operator"));
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.getTitle().startsWith("Message log"));
        assertTrue(logRows().size() >= 7, "every message and the rejection");
        screenshot("operator-log");

        new Select(browser.findElement(By.id("partner"))).selectByValue("RU-GPO");
        new Select(browser.findElement(By.id("direction"))).selectByValue("IN");
        browser.findElement(By.id("search")).click();
        waiting().until(d -> d.getCurrentUrl().contains("partner=RU-GPO"));
        List<WebElement> rows = logRows();
        assertEquals(world.received.size(), rows.size());
        rows.forEach(r ->
                assertEquals("RU-GPO", r.findElements(By.tagName("td")).get(2).getText()));

        browser.findElement(By.id("q")).sendKeys("өтініш");
        browser.findElement(By.id("search")).click();
        waiting().until(d -> logRows().size() == 1);
        assertTrue(logRows().get(0).getText().contains(PopulatedGateways.KAZAKH_SUBJECT));
        screenshot("operator-log-search");

        browser.get(ops + "/log?partner=RU-GPO");
        browser.findElement(By.linkText(world.arrest)).click();
        waiting().until(d -> d.getTitle().startsWith("Message " + world.arrest));
        assertTrue(browser.findElement(By.id("routing")).getText().contains("GPO-SUPERVISION"));
        assertTrue(browser.findElement(By.id("persons")).getText().contains("TOKTAROV"), "the operator sees names");
        screenshot("operator-message");

        browser.findElement(By.cssSelector("form[action$='/verify'] button")).click();
        waiting().until(d -> !d.findElements(By.id("verification")).isEmpty());
        assertTrue(
                browser.findElement(By.id("verification")).getText().contains("Verified"),
                browser.findElement(By.id("verification")).getText());
        screenshot("operator-verified");

        browser.findElement(By.id("download-envelope")).click();
        Path file = downloads.resolve(world.arrest + ".envelope.xml");
        TwoGateways.await("the downloaded envelope", DEADLINE, () -> Files.exists(file) && !partial());
        byte[] stored = world.gateways
                .kz
                .store()
                .message(world.pk(world.arrest))
                .orElseThrow()
                .envelope();
        assertArrayEquals(stored, Files.readAllBytes(file));
    }

    @Test
    void auditorSeesTheSamePagesWithPersonFieldsMasked_andTheCertificatesPage() throws IOException {
        String ops = world.gateways.kz.opsUrl().toString();
        signOut(ops);
        browser.get(ops + "/login");
        browser.findElement(By.id("client")).sendKeys("auditor");
        browser.findElement(By.id("token")).sendKeys(ApiClient.token(world.gateways.deployment, "kz-gpo", "auditor"));
        browser.findElement(By.id("login")).click();
        waiting().until(d -> d.getTitle().startsWith("Message log"));
        browser.get(ops + "/log?partner=RU-GPO");
        browser.findElement(By.linkText(world.arrest)).click();
        waiting().until(d -> d.getTitle().startsWith("Message " + world.arrest));
        String persons = browser.findElement(By.id("persons")).getText();
        assertTrue(persons.contains("T•••") && !persons.contains("TOKTAROV"), persons);
        assertTrue(browser.findElements(By.id("download-message")).isEmpty(), "no decrypted XML for the auditor");
        screenshot("auditor-message");
        browser.findElement(By.linkText("Certificates")).click();
        waiting().until(d -> d.getTitle().startsWith("Certificates"));
        assertTrue(browser.findElement(By.id("none-expiring")).isDisplayed(), "the sample keys last for years");
        screenshot("auditor-certificates");
    }

    /** Forgets the session of an earlier test (the tests share one browser, in any order). */
    private static void signOut(String ops) {
        browser.get(ops + "/login");
        browser.manage().deleteAllCookies();
    }

    private static boolean partial() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return true;
        }
    }
}
