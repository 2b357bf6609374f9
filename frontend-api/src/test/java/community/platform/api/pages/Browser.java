package community.platform.api.pages;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; no browser download) on the platform
 * under test. Closing it fails the test if a page logged an error to the console (see {@link #refusedPage}).
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("browser.binary", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("browser.driver", "/usr/bin/chromedriver");

    final WebDriver driver;
    private final String base;

    /** A browser whose {@code Accept-Language} is {@code language}, at a window {@code width} pixels wide. */
    Browser(int port, String language, int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("The browser tests need Chromium and its driver: apt-get install chromium"
                                            + " chromium-driver (or set -Dbrowser.binary and -Dbrowser.driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--window-size=" + width + "," + height, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                                                                       .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://localhost:" + port;
    }

    Browser(int port, String language) {
        this(port, language, 1280, 900);
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    Browser click(String css) {
        find(css).click();
        return this;
    }

    /**
     * Waits up to 10 s until the element's text contains {@code text}. While a form's answer replaces the page, the
     * element found may belong to the page going away; the wait then looks again.
     */
    Browser waitForText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return this;
    }

    /** Waits up to 10 s until the browser is at a path starting with {@code prefix} (a form's answer has loaded). */
    Browser waitForPath(String prefix) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .withMessage(() -> "still at " + driver.getCurrentUrl() + ", showing: "
                                   + driver.findElement(By.tagName("body")).getText())
                .until(driver -> path().startsWith(prefix));
        return this;
    }

    /** Waits up to 10 s until nothing on the page matches {@code css} (the page that answered a form has loaded). */
    Browser waitUntilGone(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(driver -> driver.findElements(By.cssSelector(css))
                                                                                .isEmpty());
        return this;
    }

    /**
     * The page's accessibility violations of WCAG 2.1 levels A and AA as axe-core finds them: each as its rule, impact
     * and the elements it found, empty when there is none.
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityViolations() {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        script.executeScript(AXE);
        List<Map<String, Object>> violations = (List<Map<String, Object>>) script.executeAsyncScript(
                "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
                + ".then(result => arguments[0](result.violations))");
        return violations.stream().map(v -> v.get("id") + " (" + v.get("impact") + "): "
                + ((List<Map<String, Object>>) v.get("nodes")).stream().map(n -> String.valueOf(n.get("target")))
                                                              .toList()).toList();
    }

    private static final String AXE = axe();

    private static String axe() {
        try (var in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("axe-core is not on the test class path", e);
        }
    }

    /**
     * Presses Tab, as a keyboard user does, until the element {@code css} has the focus; fails when 60 presses do not
     * reach it.
     */
    Browser tabTo(String css) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        for (int presses = 0; presses < 60; presses++) {
            if (Boolean.TRUE.equals(script.executeScript("return document.activeElement.matches(arguments[0])", css))) {
                return this;
            }
            new org.openqa.selenium.interactions.Actions(driver).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        throw new AssertionError("60 presses of Tab did not reach " + css);
    }

    /** Types into whatever has the focus, as a keyboard does. */
    Browser keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
        return this;
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Signs in through the sign-in page. */
    Browser signIn(String username, String password) {
        open("/login").type("#username", username).type("#password", password).click("main form button");
        return this;
    }

    /**
     * Chromium logs a page answered with a 4xx status (a form sent back with its messages, a refused sign-up) as a
     * resource that failed to load. That is the page's status, not a script error; a script, style sheet or image that
     * fails to load still counts.
     */
    private static boolean refusedPage(String message) {
        int separator = message.indexOf(" - Failed to load resource: the server responded with a status of 4");
        return separator > 0 && !message.substring(0, separator).matches(".*\\.(js|css|png|svg|ico|woff2?)(\\?.*)?");
    }

    @Override
    public void close() {
        try {
            List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                                          .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                                          .filter(entry -> !refusedPage(entry.getMessage()))
                                          .toList();
            assertThat(errors).as("JavaScript errors in the browser console").isEmpty();
        } finally {
            driver.quit();
        }
    }
}
