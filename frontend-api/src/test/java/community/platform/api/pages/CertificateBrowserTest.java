package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hour certificates in headless Chromium: the volunteer downloads one from their hours page, and a stranger with no
 * account checks it by its code, in both languages, with axe-core's checks on every page involved.
 */
class CertificateBrowserTest extends ApiTest {

    private static final String PASSWORD = "certificate-browser";
    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");

    @LocalServerPort
    int port;

    private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);

    /** A volunteer credited 45 minutes today; answers the organizer, the volunteer and the post. */
    private String[] volunteerWithHours() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String volunteer = unique("resident");
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", volunteer, "password", PASSWORD, "displayName", "周敏"))
           .exchange().expectStatus().isCreated();
        String post = as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                             .bodyValue(Map.of("title", "健康守护岗", "team", "健康守护",
                                                               "location", "社区卫生站",
                                                               "startsAt", now.plusMinutes(5).toString(),
                                                               "endsAt", now.plusMinutes(65).toString(),
                                                               "capacity", 3))
                                             .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                                             .returnResult().getResponseBody().get("id").asText();
        as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                               .expectStatus().isCreated();
        attend(organizer, volunteer, post, 45, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> as(volunteer, PASSWORD)
                .get().uri("/api/volunteers/me/hours").exchange().expectBody(JsonNode.class).returnResult()
                .getResponseBody().get("totalHours").decimalValue().doubleValue() == 0.75);
        return new String[]{organizer, volunteer, post};
    }

    private void attend(String organizer, String volunteer, String post, int minutes, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("username", volunteer,
                                                        "checkedInAt", now.minusMinutes(minutes + 5L).toString(),
                                                        "checkedOutAt", now.minusMinutes(5).toString()));
        if (reason != null) {
            body.put("reason", reason);
        }
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", post)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                               .expectStatus().isOk();
    }

    @Test
    void aVolunteerDownloadsACertificateAndAStrangerChecksItInEitherLanguage() throws Exception {
        String[] people = volunteerWithHours();
        String code;
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(people[1], PASSWORD).waitForPath("/posts");
            browser.open("/me/hours");
            assertThat(browser.text("#certificate-title")).isEqualTo("时长证明");
            assertThat(browser.find("#from").getAttribute("value")).isEqualTo(LocalDate.now(ZoneOffset.ofHours(8))
                                                                                      .toString());
            assertThat(browser.accessibilityViolations()).isEmpty();

            // what the form's button downloads, fetched the way the browser sends it
            @SuppressWarnings("unchecked")
            Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) browser.driver)
                    .executeAsyncScript("const done = arguments[0];"
                                        + "const form = document.querySelector('#certificate-title ~ form');"
                                        + "fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))})"
                                        + ".then(r => r.arrayBuffer().then(body => done({status: r.status,"
                                        + " type: r.headers.get('content-type'),"
                                        + " body: btoa(String.fromCharCode(...new Uint8Array(body)))})))");
            assertThat(download.get("status")).isEqualTo(200L);
            assertThat((String) download.get("type")).isEqualTo("application/pdf");
            byte[] pdf = Base64.getDecoder().decode((String) download.get("body"));
            try (PdfReader reader = new PdfReader(pdf)) {
                String text = new PdfTextExtractor(reader).getTextFromPage(1);
                assertThat(text).contains("周敏", "健康守护岗", "0.75");
                Matcher found = CODE.matcher(text);
                assertThat(found.find()).isTrue();
                code = found.group();
            }
        }

        for (String language : new String[]{"zh-CN", "en"}) {
            try (Browser stranger = new Browser(port, language)) {
                stranger.open("/certificates");
                assertThat(stranger.accessibilityViolations()).isEmpty();
                stranger.type("#code", code.toLowerCase().replace("-", "")).click("main form button")
                        .waitForPath("/certificates/" + code);
                assertThat(stranger.text("#genuine")).isNotEmpty();
                assertThat(stranger.text("main dl")).contains("周敏", "0.75");
                assertThat(stranger.driver.findElements(org.openqa.selenium.By.id("corrected"))).isEmpty();
                assertThat(stranger.accessibilityViolations()).isEmpty();

                stranger.open("/certificates/0000-0000-0000-0000");
                assertThat(stranger.text("#unknown")).contains("0000-0000-0000-0000");
                assertThat(stranger.accessibilityViolations()).isEmpty();
            }
        }

        attend(people[0], people[1], people[2], 60, "Stayed on to close the clinic");
        try (Browser stranger = new Browser(port, "en")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stranger.open("/certificates/" + code).driver
                    .findElements(org.openqa.selenium.By.id("corrected")).isEmpty());
            assertThat(stranger.text("#corrected")).contains("corrected", "1.00 hours");
            assertThat(stranger.text("main dl")).contains("0.75");
            assertThat(stranger.accessibilityViolations()).isEmpty();
        }
        try (Browser stranger = new Browser(port, "zh-CN")) {
            stranger.open("/certificates/" + code);
            assertThat(stranger.text("#corrected")).contains("更正", "1.00 小时");
        }
    }
}
