package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlagateway.testing.ApiClient;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every operator page in Kazakh and in Russian, in chromium 1366 px wide, as a browser asking for that language
 * sees it: the login form, the log, a message's detail, the log verification (form and result), the queues,
 * the deadlines, the statistics, the certificates, a case and the register. On each page: the document is in the language asked for,
 * nothing scrolls sideways, every form field has a label, every id stays on one line (its whole text in the title
 * when cut), and no raw code of a closed list (such as
 * {@code PROVISIONAL_ARREST_REQUEST}) is shown as text. Screenshots go to {@code target/screenshots/page-lang.png}.
 */
class OperatorPagesLanguagesBrowserTest {
    static final int WIDTH = 1366;
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** A code of a closed list as the schemas spell it: upper-case words joined by underscores. */
    static final Pattern RAW_CODE = Pattern.compile("\\b[A-Z]{2,}(?:_[A-Z0-9]+)+\\b");

    /** The unlabelled form fields of the page (hidden fields need none), as markup. */
    static final String UNLABELLED = "return Array.from(document.querySelectorAll('input, select, textarea'))"
            + ".filter(e => e.type !== 'hidden')"
            + ".filter(e => !(e.id && document.querySelector('label[for=\"' + CSS.escape(e.id) + '\"]'))"
            + " && !e.getAttribute('aria-label'))"
            + ".map(e => e.outerHTML);";

    /** The ids shown over more than one line, or without their whole text in the title. */
    static final String WRAPPED_IDS = "return Array.from(document.querySelectorAll('.id'))"
            + ".filter(e => e.getClientRects().length !== 1 || getComputedStyle(e).whiteSpace !== 'nowrap'"
            + " || e.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(e).fontSize)"
            + " || e.title !== e.textContent)"
            + ".map(e => e.outerHTML);";

    @TempDir
    static Path dir;

    static PopulatedGateways world;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(
                OperatorPagesBrowserTest.chromiumPresent(),
                "chromium and chromedriver are needed for the browser test");
        world = new PopulatedGateways(dir.resolve("gateways"));
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru"})
    void everyPage_inTheLanguageAsked_fitsThe1366pxScreen_withEveryFieldLabelled(String language) throws IOException {
        Path downloads = Files.createDirectories(dir.resolve("downloads-" + language));
        ChromeDriver browser = OperatorPagesBrowserTest.chromium(
                dir.resolve("profile-" + language), downloads, language + "," + language + "-KZ;q=0.9", WIDTH);
        try {
            Files.createDirectories(OperatorPagesBrowserTest.SCREENSHOTS);
            String ops = world.gateways.kz.opsUrl().toString();
            Messages t = Messages.of(language);
            browser.get(ops + "/login");
            assertEquals(WIDTH, ((Number) js(browser, "return window.innerWidth;")).intValue(), "the window's width");
            check(browser, language, "login", t.get("login.title"));
            browser.findElement(By.id("client")).sendKeys("operator");
            browser.findElement(By.id("token"))
                    .sendKeys(ApiClient.token(world.gateways.deployment, "kz-gpo", "operator"));
            browser.findElement(By.id("login")).click();
            new WebDriverWait(browser, DEADLINE).until(d -> d.getTitle().startsWith(t.get("log.title")));
            check(browser, language, "log", t.get("log.title"));
            assertTrue(
                    browser.findElement(By.id("log")).getText().contains(t.code("kind", "PROVISIONAL_ARREST_REQUEST")),
                    "the message kinds are named in the page's language");

            browser.get(ops + "/messages/" + world.pk(world.arrest));
            check(browser, language, "detail", t.get("msg.title", world.arrest));

            browser.get(ops + "/log/verify");
            check(browser, language, "verify", t.get("verify.title"));
            browser.findElement(By.cssSelector("form[action$='/log/verify'] button"))
                    .click();
            new WebDriverWait(browser, DEADLINE)
                    .until(d -> !d.findElements(By.id("log-verification")).isEmpty());
            assertTrue(browser.findElement(By.id("log-verification")).getText().contains(t.get("verify.ok")));
            check(browser, language, "verify-result", t.get("verify.title"));

            browser.get(ops + "/queues");
            check(browser, language, "queues", t.get("queues.title"));
            browser.get(ops + "/deadlines");
            check(browser, language, "deadlines", t.get("deadlines.title"));
            browser.get(ops + "/statistics");
            check(
                    browser,
                    language,
                    "statistics",
                    t.get(
                            "stats.title",
                            java.time.Instant.now().atZone(Messages.ZONE).getYear()));
            browser.get(ops + "/certificates");
            check(browser, language, "certificates", t.get("certs.title"));
            String conversation = world.gateways
                    .kz
                    .store()
                    .message(world.pk(world.arrest))
                    .orElseThrow()
                    .conversationId();
            browser.get(world.gateways
                    .kz
                    .opsUrl()
                    .resolve(CasePages.path(conversation))
                    .toString());
            check(browser, language, "case", t.get("case.title"));

            // The register is read with the role register (or admin): signed in again as admin.
            browser.manage().deleteAllCookies();
            browser.get(ops + "/login");
            browser.findElement(By.id("client")).sendKeys("admin");
            browser.findElement(By.id("token")).sendKeys(ApiClient.token(world.gateways.deployment, "kz-gpo", "admin"));
            browser.findElement(By.id("login")).click();
            new WebDriverWait(browser, DEADLINE).until(d -> d.getTitle().startsWith(t.get("log.title")));
            browser.get(ops + "/register");
            check(browser, language, "register", t.get("register.title"));
        } finally {
            browser.quit();
        }
    }

    /** The checks every page passes, and its screenshot as {@code page-language.png}. */
    private static void check(ChromeDriver browser, String language, String page, String title) throws IOException {
        Files.write(
                OperatorPagesBrowserTest.SCREENSHOTS.resolve(page + "-" + language + ".png"),
                browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(browser.getTitle().contains(title), page + ": " + browser.getTitle());
        assertEquals(language, browser.findElement(By.tagName("html")).getAttribute("lang"), page);
        long scrollWidth = ((Number) js(browser, "return document.documentElement.scrollWidth;")).longValue();
        long clientWidth = ((Number) js(browser, "return document.documentElement.clientWidth;")).longValue();
        assertTrue(scrollWidth <= clientWidth, page + " scrolls sideways: " + scrollWidth + " > " + clientWidth);
        @SuppressWarnings("unchecked")
        List<Object> unlabelled = new ArrayList<>((List<Object>) js(browser, UNLABELLED));
        assertEquals(List.of(), unlabelled, page + ": form fields without a label");
        @SuppressWarnings("unchecked")
        List<Object> wrapped = new ArrayList<>((List<Object>) js(browser, WRAPPED_IDS));
        assertEquals(List.of(), wrapped, page + ": ids over more than one line");
        if (!page.equals("detail")) { // the detail's timeline shows the log entries' JSON details as stored
            String text = browser.findElement(By.tagName("main")).getText();
            assertFalse(RAW_CODE.matcher(text).find(), page + " shows a raw code: " + text);
        }
    }

    private static Object js(ChromeDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
