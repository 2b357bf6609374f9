package community.platform.api.pages;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resident states their neighbourhood: over the API (an unknown one refused), and on the page, after which the
 * posts list shows that neighbourhood's posts until they choose all of them.
 */
class StatedNeighbourhoodTest extends ApiTest {

    private static final String PASSWORD = "stated-password";

    @LocalServerPort
    int port;

    private String neighbourhood(String organizer) {
        String id = asAdmin().post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                             .bodyValue(Map.of("name", unique("翠园社区"), "areas", List.of())).exchange()
                             .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                             .get("id").asText();
        asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", organizer)
                 .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id)).exchange()
                 .expectStatus().isOk();
        return id;
    }

    private String post(String organizer, String neighbourhood, String title) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(9).withNano(0);
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "team", "green", "location", "Park",
                                                        "startsAt", start.toString(),
                                                        "endsAt", start.plusHours(1).toString(), "capacity", 3));
        if (neighbourhood != null) {
            body.put("neighbourhoodId", neighbourhood);
        }
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    @Test
    void aResidentStatesTheirNeighbourhoodAndCanWithdrawIt() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String cuiyuan = neighbourhood(organizer);
        as(resident, PASSWORD).get().uri("/api/accounts/me/neighbourhood").exchange().expectStatus().isOk()
                              .expectBody().json("{\"neighbourhoodId\":null}");
        as(resident, PASSWORD).put().uri("/api/accounts/me/neighbourhood").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("neighbourhoodId", cuiyuan)).exchange().expectStatus().isOk()
                              .expectBody().jsonPath("$.neighbourhoodId").isEqualTo(cuiyuan);
        as(resident, PASSWORD).put().uri("/api/accounts/me/neighbourhood").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("neighbourhoodId", "nb-0000000000000000")).exchange()
                              .expectStatus().isNotFound()
                              .expectBody().jsonPath("$.type").isEqualTo("/problems/neighbourhood-not-found");
        as(resident, PASSWORD).get().uri("/api/accounts/me/neighbourhood").exchange()
                              .expectBody().jsonPath("$.neighbourhoodId").isEqualTo(cuiyuan);
        Map<String, Object> none = new HashMap<>();
        none.put("neighbourhoodId", null);
        as(resident, PASSWORD).put().uri("/api/accounts/me/neighbourhood").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(none).exchange().expectStatus().isOk()
                              .expectBody().json("{\"neighbourhoodId\":null}");
        web.get().uri("/api/accounts/me/neighbourhood").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void thePostsListShowsTheStatedNeighbourhoodUntilAllAreChosen() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String cuiyuan = neighbourhood(organizer);
        String there = unique("翠园 duty");
        String elsewhere = unique("Default duty");
        post(organizer, cuiyuan, there);
        post(organizer, null, elsewhere);
        for (String language : List.of("zh-CN", "en")) {
            try (Browser browser = new Browser(port, language)) {
                browser.signIn(resident, PASSWORD).waitForPath("/posts");
                browser.click("main form.filters a[href='/me/neighbourhood']").waitForPath("/me/neighbourhood");
                assertThat(browser.accessibilityViolations()).isEmpty();
                new org.openqa.selenium.support.ui.Select(browser.find("#neighbourhoodId")).selectByValue(cuiyuan);
                browser.click("main form button.primary").waitForPath("/posts");
                assertThat(browser.text("main ul.cards")).contains(there).doesNotContain(elsewhere);
                assertThat(browser.accessibilityViolations()).isEmpty();
                new org.openqa.selenium.support.ui.Select(browser.find("#neighbourhood")).selectByValue("all");
                browser.click("main form.filters button").waitForPath("/posts?");
                assertThat(browser.text("main ul.cards")).contains(there, elsewhere);
            }
        }
    }
}
