package community.platform.api.storage;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Ids built from what users type (a username, a venue name) cannot name another record's stream: a stream is its
 * aggregate type and id together. Each test first registers the username that the victim's record id would be.
 * (A child's schedule is {@code child-<guardian>/<name>}; no username can hold a '/'.)
 */
class StreamSquattingTest extends ApiTest {

    private static final String PASSWORD = "squatting-password";
    private static final OffsetDateTime LATER = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(20)
                                                              .withHour(9).withMinute(0).withSecond(0).withNano(0);

    private String publishPost(String organizer) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Health safeguarding duty");
        body.put("team", "health safeguarding");
        body.put("location", "Central Square");
        body.put("startsAt", LATER.toString());
        body.put("endsAt", LATER.plusHours(3).toString());
        body.put("capacity", 3);
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    @Test
    void aUsernameNamedAfterSomeonesScheduleDoesNotBlockTheirSignUps() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String alice = account("alice", PASSWORD, "RESIDENT");
        register("schedule-" + alice, PASSWORD).expectStatus().isCreated();

        as(alice, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", publishPost(organizer)).exchange()
                           .expectStatus().isCreated();

        // the auditor reaches either stream: by id alone the one that used the id first, or by type and id
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/events", "schedule-" + alice).exchange()
                             .expectBody().jsonPath("$[0].type").isEqualTo("AccountRegisteredEvent");
        as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/events", "VolunteerSchedule:schedule-" + alice)
                             .exchange().expectStatus().isOk()
                             .expectBody().jsonPath("$[0].type").isEqualTo("DutySlotReservedEvent");
    }

    @Test
    void aUsernameNamedAfterSomeonesInboxDoesNotBlockTheirNotices() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String alice = account("alice", PASSWORD, "RESIDENT");
        register("inbox-" + alice, PASSWORD).expectStatus().isCreated();
        String post = publishPost(organizer);
        as(alice, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange().expectStatus().isCreated();
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/cancellation", post)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "rain"))
                               .exchange().expectStatus().isOk();

        String notice = as(alice, PASSWORD).get().uri("/api/notifications/me").exchange().expectStatus().isOk()
                                           .expectBody(JsonNode.class).returnResult().getResponseBody()
                                           .get(0).get("id").asText();
        as(alice, PASSWORD).post().uri("/api/notifications/{id}/read", notice).exchange()
                           .expectStatus().isNoContent();
    }

    @Test
    void aUsernameNamedAfterAVenueDoesNotBlockItsBookings() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String hall = unique("hall");
        register("venue-" + hall, PASSWORD).expectStatus().isCreated();
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Couplet writing workshop");
        body.put("kind", "WORKSHOP");
        body.put("venue", hall);
        body.put("startsAt", LATER.toString());
        body.put("endsAt", LATER.plusHours(2).toString());
        body.put("capacity", 20);
        body.put("description", "Spring Festival Couplets Culture Festival");

        as(organizer, PASSWORD).post().uri("/api/festival-events").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(body).exchange().expectStatus().isCreated();
    }
}
