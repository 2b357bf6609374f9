package community.platform.api.pages;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The neighbourhood pages in headless Chromium, both languages, with axe-core's checks: the admin's totals by
 * neighbourhood, the residents' filter on the lists, and the organizer's hours in one neighbourhood.
 */
class NeighbourhoodPagesBrowserTest extends ApiTest {

    private static final String PASSWORD = "neighbourhood-browser";

    @LocalServerPort
    int port;

    @Test
    void theAdminsTotalsTheListsFilterAndTheOrganizersHoursReadInBothLanguages() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String name = unique("东湖社区");
        String id = asAdmin().post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                             .bodyValue(Map.of("name", name, "areas", List.of("翠园"))).exchange()
                             .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                             .get("id").toString();
        asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", organizer)
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id)).exchange()
                 .expectStatus().isOk();
        String admin = account("admin", PASSWORD, "ADMIN");
        for (String language : List.of("zh-CN", "en")) {
            try (Browser browser = new Browser(port, language)) {
                browser.signIn(admin, PASSWORD).waitForPath("/posts");
                browser.click("header nav a[href='/admin/neighbourhoods']").waitForPath("/admin/neighbourhoods");
                assertThat(browser.text("#neighbourhood-hours")).contains(name);
                assertThat(browser.accessibilityViolations()).isEmpty();
                browser.open("/posts?neighbourhood=" + id);
                assertThat(browser.find("#neighbourhood option[selected]").getText()).isEqualTo(name);
                assertThat(browser.accessibilityViolations()).isEmpty();
            }
            try (Browser browser = new Browser(port, language)) {
                browser.signIn(organizer, PASSWORD).waitForPath("/posts").open("/organizer/hours?neighbourhood=" + id);
                assertThat(browser.find("#neighbourhood option[selected]").getText()).isEqualTo(name);
                assertThat(browser.accessibilityViolations()).isEmpty();
                browser.open("/organizer?neighbourhood=" + id);
                assertThat(browser.find("#attendance-rates #neighbourhood option[selected]").getText()).isEqualTo(name);
                assertThat(browser.accessibilityViolations()).isEmpty();
                browser.open("/organizer/posts/new");
                assertThat(browser.find("#neighbourhoodId").getText()).contains(name);
                assertThat(browser.accessibilityViolations()).isEmpty();
            }
        }
    }
}
