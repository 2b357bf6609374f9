package community.platform.api.pages;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An auditor's record page in headless Chromium: personal fields masked until the auditor states why, the reason
 * recorded in the log before they are shown, kept while moving through the record's moments, and masked again.
 */
class AuditorPersonalDataBrowserTest extends ApiTest {

    private static final String PASSWORD = "auditor-personal-data";

    @LocalServerPort
    int port;

    private String resident() {
        String resident = unique("lihua");
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", resident, "password", PASSWORD, "displayName", "李华",
                             "phone", "138 0000 2222"))
           .exchange().expectStatus().isCreated();
        return resident;
    }

    private String auditor;

    /** The log's PersonalDataShownEvents, as NDJSON (null when there are none). */
    private String shownEvents() {
        return as(auditor, PASSWORD).get().uri("/api/audit/events?type=PersonalDataShownEvent").exchange()
                                    .expectStatus().isOk().expectBody(String.class).returnResult()
                                    .getResponseBody();
    }

    @Test
    void personalDataIsShownOnlyForAStatedReasonWhichIsRecordedFirst() {
        auditor = account("auditor", PASSWORD, "AUDITOR");
        String resident = resident();
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(auditor, PASSWORD).waitForPath("/posts").open("/auditor/records/" + resident);

            assertThat(browser.text("main")).contains("[masked]").doesNotContain("138 0000 2222").doesNotContain("李华");
            assertThat(browser.text("#masked-note")).contains("say why");
            assertThat(String.valueOf(shownEvents())).doesNotContain(resident);

            browser.type("#reason", "complaint 2027-031 about a duty").click("#show-personal button")
                   .waitForText("#personal-shown", "complaint 2027-031 about a duty");

            assertThat(browser.text("main")).contains("138 0000 2222", "李华");
            assertThat(browser.accessibilityViolations()).isEmpty();
            assertThat(shownEvents()).contains(resident, "complaint 2027-031 about a duty", auditor);

            // moving through the record's moments keeps the reason (each page shown is recorded again)
            browser.click("form.as-of button").waitForText("#personal-shown", "complaint 2027-031");
            assertThat(browser.text("main")).contains("138 0000 2222");
            browser.click("#mask-again").waitForPath("/auditor/records/" + resident + "?at=");
            assertThat(browser.text("main")).contains("[masked]").doesNotContain("138 0000 2222");
            assertThat(browser.find("#reason").getAttribute("maxlength")).isEqualTo("500");
        }
    }

    @Test
    void aLinkCarryingAReasonShowsAndRecordsNothing() {
        auditor = account("auditor", PASSWORD, "AUDITOR");
        String resident = resident();
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(auditor, PASSWORD).waitForPath("/posts")
                   .open("/auditor/records/" + resident + "?reason=a%20reason%20someone%20else%20chose");

            assertThat(browser.text("main")).contains("[masked]").doesNotContain("138 0000 2222");
        }
        assertThat(String.valueOf(shownEvents())).doesNotContain(resident);
    }

    @Test
    void theChineseFormSaysTheSameAndAnEmptyReasonShowsNothing() {
        auditor = account("auditor", PASSWORD, "AUDITOR");
        String resident = resident();
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(auditor, PASSWORD).waitForPath("/posts").open("/auditor/records/" + resident);
            assertThat(browser.text("#show-personal label")).isEqualTo("需要查看个人信息的理由（将被记录）");

            browser.type("#reason", "   ").click("#show-personal button").waitForText("#reason-error", "500");
            assertThat(browser.accessibilityViolations()).isEmpty();
            assertThat(browser.text("main")).doesNotContain("138 0000 2222").contains("[masked]");
            assertThat(browser.text("#reason-error")).contains("1 到 500 个字符");
            assertThat(browser.find("#reason").getAttribute("aria-invalid")).isEqualTo("true");
        }
        assertThat(String.valueOf(shownEvents())).doesNotContain(resident);
    }
}
