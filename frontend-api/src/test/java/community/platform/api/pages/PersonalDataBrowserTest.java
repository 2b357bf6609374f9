package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The "my data" page in headless Chromium: what it shows, the file it downloads, and axe-core's checks. */
class PersonalDataBrowserTest extends ApiTest {

    private static final String PASSWORD = "my-data-browser";
    private static final OffsetDateTime NEXT_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                                  .withHour(9).withMinute(0).withSecond(0).withNano(0);

    @LocalServerPort
    int port;

    private String residentWithADuty() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = unique("resident");
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", resident, "password", PASSWORD, "displayName", "李华",
                             "phone", "138 0000 1111"))
           .exchange().expectStatus().isCreated();
        Map<String, Object> post = new HashMap<>(Map.of(
                "title", "公园清洁", "team", "绿化", "location", "East Park", "startsAt", NEXT_WEEK.toString(),
                "endsAt", NEXT_WEEK.plusHours(2).toString(), "capacity", 3));
        String postId = as(organizer, PASSWORD).post().uri("/api/volunteer-posts")
                                               .contentType(MediaType.APPLICATION_JSON).bodyValue(post).exchange()
                                               .expectStatus().isCreated().expectBody(JsonNode.class)
                                               .returnResult().getResponseBody().get("id").asText();
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                              .expectStatus().isCreated();
        return resident;
    }

    @Test
    void aResidentFindsTheirDataFromTheMenuAndDownloadsItAsAFile() throws Exception {
        String resident = residentWithADuty();
        try (Browser browser = new Browser(port, "zh-CN")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts");
            browser.click("header nav a[href='/me/data']").waitForPath("/me/data");

            assertThat(browser.text("main h1")).isEqualTo("我的数据");
            assertThat(browser.text("#username")).isEqualTo(resident);
            assertThat(browser.text("main dl")).contains("李华", "138 0000 1111");
            assertThat(browser.text("#sections")).contains("志愿报名 1");
            assertThat(browser.find("#download").getAttribute("href")).endsWith("/me/data.json");

            @SuppressWarnings("unchecked")
            Map<String, Object> download = (Map<String, Object>) ((JavascriptExecutor) browser.driver)
                    .executeAsyncScript("const done = arguments[0];"
                                        + "fetch(document.querySelector('#download').href).then(r => r.text()"
                                        + ".then(body => done({status: r.status, body: body,"
                                        + " disposition: r.headers.get('content-disposition'),"
                                        + " type: r.headers.get('content-type')})))");
            assertThat(download.get("status")).isEqualTo(200L);
            assertThat((String) download.get("disposition"))
                    .startsWith("attachment;").contains("filename=\"my-data-" + resident + ".json\"");
            assertThat((String) download.get("type")).startsWith("application/json");
            JsonNode file = new ObjectMapper().readTree((String) download.get("body"));
            assertThat(file.at("/account/username").asText()).isEqualTo(resident);
            assertThat(file.at("/account/phone").asText()).isEqualTo("138 0000 1111");
            assertThat(file.get("signUps")).hasSize(1);
        }
    }

    @Test
    void thePageSpeaksEnglishToo() {
        String resident = residentWithADuty();
        try (Browser browser = new Browser(port, "en")) {
            browser.signIn(resident, PASSWORD).waitForPath("/posts").open("/me/data");

            assertThat(browser.text("main h1")).isEqualTo("My data");
            assertThat(browser.text("#download")).isEqualTo("Download my data (JSON)");
            assertThat(browser.text("#sections")).contains("Volunteer sign-ups 1", "Guardian consents 0");
        }
    }

    @Test
    void thePageHasNoAccessibilityViolationInEitherLanguageOrOnAPhone() {
        String resident = residentWithADuty();
        for (String screen : List.of("zh-CN 1280", "en 1280", "zh-CN 390")) {
            String[] languageAndWidth = screen.split(" ");
            try (Browser browser = new Browser(port, languageAndWidth[0], Integer.parseInt(languageAndWidth[1]),
                                               844)) {
                browser.signIn(resident, PASSWORD).waitForPath("/posts");
                assertThat(browser.open("/me/data").accessibilityViolations()).as(screen).isEmpty();
            }
        }
    }

    @Test
    void signedOutTheDownloadAsksForTheSignIn() {
        try (Browser browser = new Browser(port, "en")) {
            browser.open("/me/data.json").waitForPath("/login");
        }
    }
}
