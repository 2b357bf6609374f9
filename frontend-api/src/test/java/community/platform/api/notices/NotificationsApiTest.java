package community.platform.api.notices;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class NotificationsApiTest extends ApiTest {

    private static final String PASSWORD = "notice-password";

    @Test
    void aRescheduleTellsEveryoneSignedUpAndTheyMarkItRead() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("informed", PASSWORD, "RESIDENT");
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(9).withHour(9).withMinute(0)
                                              .withSecond(0).withNano(0);
        String postId = as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Station shift", "team", "civility", "location", "North Station",
                                  "startsAt", starts.toString(), "endsAt", starts.plusHours(2).toString(),
                                  "capacity", 3))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                              .expectStatus().isCreated();

        as(organizer, PASSWORD).put().uri("/api/volunteer-posts/{id}/schedule", postId)
                               .contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("startsAt", starts.plusHours(1).toString(),
                                                 "endsAt", starts.plusHours(3).toString(), "reason", "train delay"))
                               .exchange().expectStatus().isOk();

        JsonNode notice = await().atMost(Duration.ofSeconds(10)).until(() -> as(resident, PASSWORD)
                .get().uri("/api/notifications/me").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody(), notices -> notices.size() == 1).get(0);
        assertThat(notice.get("subject").asText()).isEqualTo("Rescheduled: Station shift");
        assertThat(notice.get("body").asText()).contains("09:00", "10:00", "train delay");
        assertThat(notice.get("read").asBoolean()).isFalse();

        as(organizer, PASSWORD).post().uri("/api/notifications/{id}/read", notice.get("id").asText()).exchange()
                               .expectStatus().isNotFound();
        as(resident, PASSWORD).post().uri("/api/notifications/{id}/read", notice.get("id").asText()).exchange()
                              .expectStatus().isNoContent();
        as(resident, PASSWORD).get().uri("/api/notifications/me").exchange()
                              .expectBody().jsonPath("$[0].read").isEqualTo(true);
    }
}
