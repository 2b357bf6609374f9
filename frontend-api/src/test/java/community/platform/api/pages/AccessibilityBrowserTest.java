package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import community.platform.shared.personal.ChildDataNotice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page, in both languages and at phone width, checked by axe-core in headless Chromium against WCAG 2.1 A and AA: labels, names of
 * buttons and links, contrast, landmarks, the language of the page.
 */
class AccessibilityBrowserTest extends ApiTest {

    private static final String PASSWORD = "a11y-password";
    private static final OffsetDateTime NEXT_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                                  .withHour(9).withMinute(0).withSecond(0).withNano(0);

    @LocalServerPort
    int port;

    private String created(String user, String uri, Map<String, Object> body) {
        return as(user, PASSWORD).post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                                 .expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                                 .getResponseBody().path("id").asText();
    }

    @Test
    void everyPageInBothLanguagesHasNoAccessibilityViolation() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        Map<String, Object> post = new HashMap<>(Map.of(
                "title", "公园清洁", "team", "绿化", "location", "East Park", "startsAt", NEXT_WEEK.toString(),
                "endsAt", NEXT_WEEK.plusHours(2).toString(), "capacity", 1));
        String postId = created(organizer, "/api/volunteer-posts", post);
        String competition = created(organizer, "/api/festival-events", Map.of(
                "title", "春联比赛", "kind", "COMPETITION", "venue", unique("Hall"),
                "startsAt", NEXT_WEEK.plusDays(1).toString(), "endsAt", NEXT_WEEK.plusDays(1).plusHours(3).toString(),
                "capacity", 20));
        String course = created(organizer, "/api/courses", Map.of(
                "title", "剪纸", "instructor", "吴老师", "minGrade", 1, "maxGrade", 3, "capacity", 5,
                "sessions", List.of(Map.of("date", NEXT_WEEK.plusDays(14).toLocalDate().toString(), "room", "201"))));
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", course).exchange().expectStatus().isOk();
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                              .expectStatus().isCreated();
        as(resident, PASSWORD).post().uri("/api/festival-events/{id}/registrations", competition).exchange()
                              .expectStatus().isCreated();
        created(resident, "/api/festival-events/" + competition + "/entries", Map.of(
                "upperLine", "春回大地千山秀", "lowerLine", "福满人间万户欢", "horizontalScroll", "万象更新"));
        as(resident, PASSWORD).post().uri("/api/courses/{id}/enrollments", course)
                              .contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("childName", "小明", "childGrade", 2, "consent", true,
                                                "consentVersion", ChildDataNotice.VERSION)).exchange()
                              .expectStatus().isCreated();

        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put(null, List.of("/posts", "/festival", "/courses", "/login", "/login?error=1", "/register"));
        pages.put(resident, List.of("/posts/" + postId, "/festival/" + competition, "/courses/" + course,
                                    "/me/duties", "/me/hours", "/me/notices", "/me/children"));
        pages.put(organizer, List.of("/organizer", "/organizer/posts/new", "/organizer/events/new",
                                     "/organizer/courses/new", "/organizer/posts/" + postId + "/roster",
                                     "/organizer/posts/" + postId + "/schedule", "/organizer/venues",
                                     "/organizer/hours", "/organizer/events/" + competition + "/judging",
                                     "/organizer/courses/" + course + "/attendance",
                                     "/organizer/courses/" + course + "/sessions/1"));
        pages.put(auditor, List.of("/auditor", "/auditor/records/" + postId, "/auditor/integrity",
                                   "/auditor/log?actor=" + organizer, "/auditor/projections",
                                   "/auditor/projections/accounts/diff"));
        Map<String, List<String>> violations = new LinkedHashMap<>();
        // both languages on a desktop, and Chinese on a phone (where wide tables scroll in their own box)
        for (String screen : List.of("zh-CN 1280", "en 1280", "zh-CN 390")) {
            String language = screen.split(" ")[0];
            int width = Integer.parseInt(screen.split(" ")[1]);
            pages.forEach((user, paths) -> {
                try (Browser browser = new Browser(port, language, width, 844)) {
                    if (user != null) {
                        browser.signIn(user, PASSWORD).waitForPath("/posts");
                    }
                    for (String path : paths) {
                        List<String> found = browser.open(path).accessibilityViolations();
                        if (!found.isEmpty()) {
                            violations.put(screen + " " + path, found);
                        }
                    }
                    if (paths.contains("/me/children")) {
                        browser.open("/courses/" + course).type("#childName", "小红");
                        new org.openqa.selenium.support.ui.Select(browser.find("#childGrade")).selectByValue("2");
                        browser.click("main form button.primary").waitForPath("/courses/" + course + "/enrollments");
                        assertThat(browser.text("#consent-error")).isNotEmpty();
                        List<String> found = browser.accessibilityViolations();
                        if (!found.isEmpty()) {
                            violations.put(screen + " the enrollment form refused for want of consent", found);
                        }
                    }
                    if ("/organizer".equals(paths.get(0))) {
                        browser.open("/organizer/posts/new").click("main form button.primary")
                               .waitForText("#title-error", "");
                        List<String> found = browser.accessibilityViolations();
                        if (!found.isEmpty()) {
                            violations.put(screen + " the post form with its messages", found);
                        }
                    }
                }
            });
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckFindsAFieldWithoutALabel() {
        try (Browser browser = new Browser(port, "en")) {
            browser.open("/posts");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "const field = document.createElement('input'); field.id = 'unlabelled';"
                    + "document.querySelector('main').appendChild(field);");
            assertThat(browser.accessibilityViolations()).anyMatch(v -> v.startsWith("label (critical)")
                                                                        && v.contains("#unlabelled"));
        }
    }
}
