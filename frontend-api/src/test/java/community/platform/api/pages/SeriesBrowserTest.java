package community.platform.api.pages;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weekly duty rosters in headless Chromium: an organizer publishes one with the form, a resident signs up for every
 * date from the series' page and sees each date's outcome; axe-core's checks in both languages.
 */
class SeriesBrowserTest extends ApiTest {

    private static final String PASSWORD = "series-browser";
    private static final LocalDate FIRST = LocalDate.now(ZoneOffset.ofHours(8)).plusWeeks(2).with(DayOfWeek.SATURDAY);

    @LocalServerPort
    int port;

    private static void setValue(Browser browser, String css, String value) {
        ((JavascriptExecutor) browser.driver).executeScript("document.querySelector(arguments[0]).value = arguments[1]",
                                                            css, value);
    }

    @Test
    void anOrganizerPublishesARosterAndAResidentTakesEveryDateInOneGo() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String seriesPage;
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer/series/new");
            assertThat(browser.text("main h1")).isEqualTo("发布每周排班");
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.type("#title", "健康守护岗").type("#team", "健康守护").type("#location", "社区卫生站")
                   .type("#capacity", "2").type("#count", "4").type("#exceptions", FIRST.plusDays(1).toString());
            setValue(browser, "#firstDate", FIRST.toString());
            browser.click("input[name=days][value=SA]").click("input[name=days][value=SU]");
            browser.click("main form button.primary").waitForPath("/series/series-");
            seriesPage = browser.driver.getCurrentUrl().substring(browser.driver.getCurrentUrl().indexOf("/series/"));
            // Saturday, (Sunday skipped, but counted as RFC 5545 counts it), next Saturday, next Sunday
            assertThat(browser.driver.findElements(By.cssSelector("main ol.cards li"))).hasSize(3);
            assertThat(browser.text("main ol.cards")).contains(FIRST.toString(), FIRST.plusDays(7).toString(),
                                                               FIRST.plusDays(8).toString())
                                                     .doesNotContain(FIRST.plusDays(1).toString());
        }
        for (String language : new String[]{"zh-CN", "en"}) {
            try (Browser browser = new Browser(port, language)) {
                browser.signIn(resident, PASSWORD).waitForPath("/posts").open(seriesPage);
                assertThat(browser.accessibilityViolations()).isEmpty();
                browser.click("main form button.primary").waitForText("#outcomes", "");
                assertThat(browser.driver.findElements(By.cssSelector("#outcomes li"))).hasSize(3);
                if (language.equals("zh-CN")) {
                    assertThat(browser.driver.findElements(By.cssSelector("#outcomes li.CONFIRMED"))).hasSize(3);
                } else {
                    // the second time, each date is held already, and says so in the page's language
                    assertThat(browser.driver.findElements(By.cssSelector("#outcomes li.REFUSED"))).hasSize(3);
                    assertThat(browser.text("#outcomes")).contains("Not signed up");
                }
                assertThat(browser.accessibilityViolations()).isEmpty();
                browser.click("#outcomes li a").waitForPath("/posts/post-series-");
                assertThat(browser.find("#series-link a").getAttribute("href")).endsWith(seriesPage);
            }
        }
    }
}
