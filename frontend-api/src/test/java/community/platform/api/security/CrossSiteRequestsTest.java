package community.platform.api.security;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

class CrossSiteRequestsTest extends ApiTest {


    private static final String PASSWORD = "cross-site-password";
    private static final OffsetDateTime NEXT_MONTH = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30)
                                                                   .withHour(9).withMinute(0).withSecond(0)
                                                                   .withNano(0);

    @LocalServerPort
    private int port;

    @Test
    void crossSitePostIsRefused() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String postId = publish(organizer);

        // a form on another site, posting with the credentials the browser remembered
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId)
                              .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                              .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                              .exchange()
                              .expectStatus().isForbidden()
                              .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                              .expectBody().jsonPath("$.type").isEqualTo("/problems/cross-site-request");
        // an older browser, or plain HTTP, sends only the Origin
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId)
                              .header(HttpHeaders.ORIGIN, "http://elsewhere.example").exchange()
                              .expectStatus().isForbidden();
        // a sibling site is another origin too
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId)
                              .header("Sec-Fetch-Site", "same-site").exchange()
                              .expectStatus().isForbidden();
        // a path the router decodes to /api/ is checked as well
        as(resident, PASSWORD).post().uri(java.net.URI.create("http://localhost:" + port + "/%61pi/volunteer-posts/" + postId
                                                                   + "/signups"))
                              .header(HttpHeaders.ORIGIN, "https://elsewhere.example").exchange()
                              .expectStatus().isForbidden();
        as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", postId).exchange()
                               .expectBody().jsonPath("$.confirmed.length()").isEqualTo(0);
    }

    @Test
    void theSameOriginAndProgramsWithoutABrowserKeepWorking() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String other = account("other", PASSWORD, "RESIDENT");
        String postId = publish(organizer);

        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId)
                              .header(HttpHeaders.ORIGIN, "http://localhost:" + port)
                              .header("Sec-Fetch-Site", "same-origin").exchange()
                              .expectStatus().isCreated();
        as(other, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                           .expectStatus().isCreated();
        // reading is not a change: a link from another site still opens
        as(resident, PASSWORD).get().uri("/api/volunteer-posts/{id}", postId)
                              .header("Sec-Fetch-Site", "cross-site").exchange()
                              .expectStatus().isOk();
    }

    @Test
    void aBrowserIsNotAskedForBasicCredentialsButAProgramIs() {
        web.get().uri("/api/accounts/me").header("Sec-Fetch-Mode", "navigate").accept(MediaType.TEXT_HTML).exchange()
           .expectStatus().isUnauthorized()
           .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
           .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
        web.get().uri("/api/accounts/me").header("X-Requested-With", "XMLHttpRequest").exchange()
           .expectStatus().isUnauthorized()
           .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE);
        web.get().uri("/api/accounts/me").exchange()
           .expectStatus().isUnauthorized()
           .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"community-platform\"");
    }

    private String publish(String organizer) {
        WebTestClient client = as(organizer, PASSWORD);
        return client.post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                     .bodyValue(Map.of("title", "Park clean-up", "team", "environment", "location", "Riverside",
                                       "description", "Gloves provided", "startsAt", NEXT_MONTH.toString(),
                                       "endsAt", NEXT_MONTH.plusHours(3).toString(), "capacity", 5))
                     .exchange().expectStatus().isCreated()
                     .expectBody(com.fasterxml.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                     .get("id").asText();
    }
}
