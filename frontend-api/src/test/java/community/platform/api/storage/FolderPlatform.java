package community.platform.api.storage;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The HTTP side of a platform started on a data folder by a test of starts and restarts: its client once health says
 * UP, and the few requests those tests make (accounts, a post, sign-ups), as the admin {@code root} and users who all
 * have one password.
 */
record FolderPlatform(WebTestClient web, String adminPassword, String password) {

    /** The platform's client, once {@code /actuator/health} answers UP (within a minute). */
    static FolderPlatform awaitUp(ConfigurableApplicationContext platform, String adminPassword, String password) {
        WebTestClient web = WebTestClient.bindToServer()
                                         .baseUrl("http://127.0.0.1:" + platform.getEnvironment()
                                                                                .getProperty("local.server.port"))
                                         .responseTimeout(Duration.ofSeconds(30)).build();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                                 .until(() -> web.get().uri("/actuator/health").exchange().returnResult(String.class)
                                                 .getStatus().value() == 200);
        return new FolderPlatform(web, adminPassword, password);
    }

    /** The client signed in as {@code username}. */
    WebTestClient as(String username) {
        String secret = username.equals("root") ? adminPassword : password;
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, secret)).build();
    }

    /** Registers {@code username}, with {@code role} granted by the admin unless it is RESIDENT; answers the name. */
    String account(String username, String role) {
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", username, "password", password, "displayName", username))
           .exchange().expectStatus().isCreated();
        if (!role.equals("RESIDENT")) {
            as("root").post().uri("/api/admin/accounts/{u}/roles", username).contentType(MediaType.APPLICATION_JSON)
                      .bodyValue(Map.of("role", role)).exchange().expectStatus().isOk();
        }
        return username;
    }

    /** A post a week ahead with {@code capacity} seats; answers its id. */
    String publish(String organizer, int capacity) {
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7).withHour(9).withMinute(0)
                                              .withSecond(0).withNano(0);
        return as(organizer).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("title", "Park clean-up", "description", "Bring gloves", "team", "green",
                                              "location", "East Park", "startsAt", starts.toString(),
                                              "endsAt", starts.plusHours(2).toString(), "capacity", capacity))
                            .exchange().expectStatus().isCreated()
                            .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    void signUp(String resident, String postId) {
        as(resident).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange().expectStatus().isCreated();
    }

    void withdraw(String resident, String postId) {
        as(resident).delete().uri("/api/volunteer-posts/{id}/signups/me", postId).exchange()
                    .expectStatus().is2xxSuccessful();
    }
}
