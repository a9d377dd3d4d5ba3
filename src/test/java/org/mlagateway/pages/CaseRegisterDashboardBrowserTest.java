package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The case view, the register and the deadline dashboard in a real browser (headless chromium, as
 * {@link OperatorPagesBrowserTest}), in Kazakh and in Russian, 1366 px wide: each page has no
 * horizontal scrolling and a label for every form field; screenshots {@code case-kk.png},
 * {@code register-kk.png}, {@code deadlines-kk.png} (and {@code -ru}) go to {@code target/screenshots/}.
 */
class CaseRegisterDashboardBrowserTest {
    static final int WIDTH = 1366;

    @TempDir
    static Path dir;

    static PopulatedGateways world;
    static String conversation;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(OperatorPagesBrowserTest.chromiumPresent(), "chromium and chromedriver are needed");
        world = new PopulatedGateways(dir.resolve("gateways"));
        conversation =
                world.gateways.kz.store().messagesById(world.arrest).get(0).conversationId();
        ApiClient consular = new ApiClient(
                world.gateways.kz.apiUrl(), ApiClient.token(world.gateways.deployment, "kz-gpo", "consular"));
        String confirmation = "{\"person\":{\"names\":[{\"script\":\"Cyrl\",\"lang\":\"kk\",\"surname\":\"Ахметова\","
                + "\"givenNames\":\"Динара\",\"patronymic\":\"Қайратқызы\"},{\"script\":\"Latn\",\"surname\":\"AKHMETOVA\","
                + "\"givenNames\":\"DINARA\"}],\"iin\":\"910702403186\",\"birthDate\":\"1991-07-02\"},\"state\":\"RU\","
                + "\"caseReference\":\"ТСП-2026/019\",\"basis\":\"SENTENCE\",\"date\":\"2026-10-02\"}";
        assertEquals(
                201,
                consular.post(
                                "/register/confirmations",
                                "application/json",
                                confirmation,
                                "Idempotency-Key",
                                "browser-1")
                        .statusCode());
        Files.createDirectories(OperatorPagesBrowserTest.SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru"})
    void caseRegisterAndDashboard_fitTheWidth_andLabelEveryField(String language) throws IOException {
        ChromeDriver browser = OperatorPagesBrowserTest.chromium(
                dir.resolve("profile-" + language), dir.resolve("downloads"), language, WIDTH);
        try {
            String ops = world.gateways.kz.opsUrl().toString();
            browser.get(ops + "/login");
            browser.findElement(By.id("client")).sendKeys("admin");
            browser.findElement(By.id("token")).sendKeys(ApiClient.token(world.gateways.deployment, "kz-gpo", "admin"));
            browser.findElement(By.id("login")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().endsWith("/log"));
            assertEquals(language, browser.findElement(By.tagName("html")).getAttribute("lang"));

            browser.get(ops + "/cases/" + conversation);
            assertTrue(browser.findElement(By.id("case-messages")).getText().contains(world.arrest.substring(0, 8)));
            assertTrue(browser.findElement(By.id("originals")).isDisplayed(), "the INTERPOL copy's original");
            check(browser, "case-" + language);

            browser.get(ops + "/register");
            browser.findElement(By.id("name")).sendKeys("ахметова");
            browser.findElement(By.id("search")).click();
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> d.getCurrentUrl().contains("name="));
            assertTrue(browser.findElement(By.id("register")).getText().contains("AKHMETOVA DINARA"));
            check(browser, "register-" + language);

            browser.get(ops + "/deadlines/dashboard");
            assertTrue(browser.findElement(By.id("by-body")).isDisplayed());
            check(browser, "deadlines-" + language);
        } finally {
            browser.quit();
        }
    }

    /** No horizontal scrolling at {@link #WIDTH} px, every visible form field labelled; then a screenshot. */
    static void check(ChromeDriver browser, String name) throws IOException {
        JavascriptExecutor js = browser;
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
        assertTrue(scrollWidth <= innerWidth, name + ": " + scrollWidth + " px wide in a " + innerWidth + " px window");
        List<WebElement> fields = browser.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"));
        for (WebElement f : fields) {
            Object labelled = js.executeScript(
                    "const e = arguments[0]; return e.labels.length > 0 || !!e.getAttribute('aria-label');", f);
            assertEquals(Boolean.TRUE, labelled, name + ": field " + f.getAttribute("name") + " has no label");
        }
        Files.write(
                OperatorPagesBrowserTest.SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
