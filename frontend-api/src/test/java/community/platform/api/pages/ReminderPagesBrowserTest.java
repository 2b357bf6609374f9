package community.platform.api.pages;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The reminder preferences page in headless Chromium, both languages, with axe-core's checks. */
class ReminderPagesBrowserTest extends ApiTest {

    private static final String PASSWORD = "reminder-browser";

    @LocalServerPort
    int port;

    @Test
    void aResidentGivesAnAddressAndTurnsEmailOffAndAMistakeIsShownBesideItsField() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts");
            browser.click("header nav a[href='/me/reminders']").waitForPath("/me/reminders");
            assertThat(browser.text("main h1")).isEqualTo("提醒设置");
            assertThat(browser.find("#emailEnabled").isSelected()).isTrue();
            // no SMS gateway and no mail server here: no SMS box, and the page says e-mails wait for a server
            assertThat(browser.driver.findElements(org.openqa.selenium.By.id("smsEnabled"))).isEmpty();
            assertThat(browser.text("#no-email")).isNotEmpty();
            assertThat(browser.accessibilityViolations()).isEmpty();

            browser.type("#email", "not an address").click("main form button.primary").waitForText("#email-error", "");
            assertThat(browser.text("#email-error")).isNotEmpty();
            assertThat(browser.find("#email").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.accessibilityViolations()).isEmpty();

            browser.type("#email", "lihua@example.cn").type("#hoursBefore", "6").click("#emailEnabled")
                   .click("main form button.primary").waitForPath("/me/reminders?saved=1");
            assertThat(browser.text("#saved")).isEqualTo("已保存。");
            assertThat(browser.find("#emailEnabled").isSelected()).isFalse();
            assertThat(browser.find("#email").getAttribute("value")).isEqualTo("lihua@example.cn");
            assertThat(browser.find("#hoursBefore").getAttribute("value")).isEqualTo("6");
        }
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts").open("/me/reminders");
            assertThat(browser.text("main h1")).isEqualTo("Reminders");
            assertThat(browser.accessibilityViolations()).isEmpty();
        }
    }
}
