package community.platform.api.series;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Weekly duty rosters end to end: an organizer publishes a series, a volunteer signs up for all of it and gets a seat,
 * a queue place and a refusal in one answer, the calendar carries the occurrence held, and calling off the rest tells
 * the people holding places.
 */
class PostSeriesApiTest extends ApiTest {

    private static final String PASSWORD = "series-password";
    /** A Saturday some weeks ahead, so every occurrence is in the future. */
    private static final LocalDate FIRST = LocalDate.now(ZoneOffset.ofHours(8)).plusWeeks(3)
                                                    .with(DayOfWeek.SATURDAY);

    private Map<String, Object> series(String rrule, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title", "健康守护岗 weekend duty", "team", "health safeguarding", "location", "Community clinic",
                "capacity", 1, "startTime", "09:00", "endTime", "11:30", "rrule", rrule,
                "firstDate", FIRST.toString()));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private JsonNode publish(String organizer, Map<String, Object> body) {
        return as(organizer, PASSWORD).post().uri("/api/volunteer-post-series").contentType(MediaType.APPLICATION_JSON)
                                      .header("Idempotency-Key", UUID.randomUUID().toString())
                                      .bodyValue(body).exchange()
                                      .expectStatus().isCreated()
                                      .expectHeader().valueMatches("Location", "/api/volunteer-post-series/series-.*")
                                      .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void aSeriesSignUpTakesWhatIsFreeWaitlistsWhatIsFullAndRefusesWhatOverlaps() throws Exception {
        String organizer = account("series-org", PASSWORD, "ORGANIZER");
        String early = account("early", PASSWORD, "RESIDENT");
        String volunteer = account("series-vol", PASSWORD, "RESIDENT");
        JsonNode published = publish(organizer, series("FREQ=WEEKLY;BYDAY=SA;COUNT=4",
                                                       "exceptions", List.of(FIRST.plusWeeks(3).toString())));
        assertThat(published.get("seriesId").asText()).startsWith("series-");
        List<String> posts = new ArrayList<>();
        published.get("postIds").forEach(id -> posts.add(id.asText()));
        assertThat(posts).hasSize(3);
        JsonNode second = as(volunteer, PASSWORD).get().uri("/api/volunteer-posts/{id}", posts.get(1)).exchange()
                                                 .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                                 .getResponseBody();
        assertThat(second.get("startsAt").asText()).isEqualTo(FIRST.plusWeeks(1) + "T09:00:00+08:00");
        assertThat(second.get("capacity").asInt()).isEqualTo(1);

        // the second Saturday is full already; the volunteer has another duty at the time of the third
        as(early, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", posts.get(1)).exchange()
                           .expectStatus().isCreated();
        String other = as(organizer, PASSWORD).post().uri("/api/volunteer-posts")
                                              .contentType(MediaType.APPLICATION_JSON)
                                              .bodyValue(Map.of("title", "Park clean-up", "team", "green",
                                                                "location", "East Park",
                                                                "startsAt", FIRST.plusWeeks(2) + "T10:00:00+08:00",
                                                                "endsAt", FIRST.plusWeeks(2) + "T12:00:00+08:00",
                                                                "capacity", 5))
                                              .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                                              .returnResult().getResponseBody().get("id").asText();
        as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", other).exchange()
                               .expectStatus().isCreated();

        JsonNode outcomes = as(volunteer, PASSWORD).post()
                                                   .uri("/api/volunteer-post-series/{id}/signups",
                                                        published.get("seriesId").asText())
                                                   .exchange().expectStatus().isCreated()
                                                   .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).get("postId").asText()).isEqualTo(posts.get(0));
        assertThat(outcomes.get(0).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(outcomes.get(1).get("status").asText()).isEqualTo("WAITLISTED");
        assertThat(outcomes.get(1).get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(outcomes.get(2).get("status").asText()).isEqualTo("REFUSED");
        assertThat(outcomes.get(2).get("reason").asText()).isEqualTo("overlapping-sign-up");

        // the calendar feed carries the occurrence held, and the other duty
        String ics = as(volunteer, PASSWORD).get().uri("/api/volunteers/me/calendar.ics").exchange()
                                            .expectStatus().isOk().expectBody(String.class).returnResult()
                                            .getResponseBody();
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getComponents(Component.VEVENT).stream()
                           .map(event -> event.getProperty("UID").orElseThrow().getValue()).toList())
                .contains(posts.get(0) + "@community-platform", other + "@community-platform")
                .doesNotContain(posts.get(1) + "@community-platform");

        // moving the rest from the second Saturday to the afternoon tells whoever holds a place there
        JsonNode moved = as(organizer, PASSWORD).put()
                                                .uri("/api/volunteer-post-series/{id}/schedule",
                                                     published.get("seriesId").asText())
                                                .contentType(MediaType.APPLICATION_JSON)
                                                .bodyValue(Map.of("startTime", "14:00", "endTime", "16:00",
                                                                  "from", FIRST.plusWeeks(1).toString(),
                                                                  "reason", "The morning is for vaccinations"))
                                                .exchange().expectStatus().isOk().expectBody(JsonNode.class)
                                                .returnResult().getResponseBody();
        assertThat(moved.get("moved").toString()).contains(posts.get(1), posts.get(2)).doesNotContain(posts.get(0));
        as(early, PASSWORD).get().uri("/api/volunteer-posts/{id}", posts.get(1)).exchange()
                           .expectBody().jsonPath("$.startsAt").isEqualTo(FIRST.plusWeeks(1) + "T14:00:00+08:00");
        as(volunteer, PASSWORD).get().uri("/api/volunteer-posts/{id}", posts.get(0)).exchange()
                               .expectBody().jsonPath("$.startsAt").isEqualTo(FIRST + "T09:00:00+08:00");
        await().atMost(Duration.ofSeconds(10)).until(() -> as(early, PASSWORD)
                .get().uri("/api/notifications/me").exchange().expectBody(String.class).returnResult()
                .getResponseBody().contains("The morning is for vaccinations"));

        // calling off the rest from the second Saturday tells whoever holds a place there
        JsonNode cancelled = as(organizer, PASSWORD).post()
                                                    .uri("/api/volunteer-post-series/{id}/cancellation",
                                                         published.get("seriesId").asText())
                                                    .contentType(MediaType.APPLICATION_JSON)
                                                    .bodyValue(Map.of("reason", "The clinic closes for repairs",
                                                                      "from", FIRST.plusWeeks(1).toString()))
                                                    .exchange().expectStatus().isOk().expectBody(JsonNode.class)
                                                    .returnResult().getResponseBody();
        assertThat(cancelled.get("cancelled").toString()).contains(posts.get(1), posts.get(2))
                                                         .doesNotContain(posts.get(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> as(early, PASSWORD)
                .get().uri("/api/notifications/me").exchange().expectBody(String.class).returnResult()
                .getResponseBody().contains("The clinic closes for repairs"));
        as(volunteer, PASSWORD).get().uri("/api/volunteer-posts/{id}", posts.get(0)).exchange()
                               .expectBody().jsonPath("$.status").isEqualTo("FULL");
    }

    @Test
    void badRulesStrangersAndUnknownSeriesGetClearProblems() {
        String organizer = account("series-org", PASSWORD, "ORGANIZER");
        String resident = account("series-res", PASSWORD, "RESIDENT");
        for (String rule : List.of("FREQ=WEEKLY", "nonsense", "FREQ=DAILY;COUNT=500")) {
            as(organizer, PASSWORD).post().uri("/api/volunteer-post-series").contentType(MediaType.APPLICATION_JSON)
                                   .bodyValue(series(rule)).exchange().expectStatus().isEqualTo(422)
                                   .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-series");
        }
        as(organizer, PASSWORD).post().uri("/api/volunteer-post-series").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(series("FREQ=WEEKLY;COUNT=2", "startTime", "25:00")).exchange()
                               .expectStatus().isBadRequest();
        as(resident, PASSWORD).post().uri("/api/volunteer-post-series").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(series("FREQ=WEEKLY;COUNT=2")).exchange().expectStatus().isForbidden();
        as(resident, PASSWORD).post().uri("/api/volunteer-post-series/series-none/signups").exchange()
                              .expectStatus().isNotFound()
                              .expectBody().jsonPath("$.type").isEqualTo("/problems/series-not-found");

        String someoneElse = account("series-org2", PASSWORD, "ORGANIZER");
        String seriesId = publish(organizer, series("FREQ=WEEKLY;COUNT=2")).get("seriesId").asText();
        as(someoneElse, PASSWORD).post().uri("/api/volunteer-post-series/{id}/cancellation", seriesId)
                                 .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "mine now"))
                                 .exchange().expectStatus().isForbidden()
                                 .expectBody().jsonPath("$.type").isEqualTo("/problems/not-the-organizer");
        as(someoneElse, PASSWORD).put().uri("/api/volunteer-post-series/{id}/schedule", seriesId)
                                 .contentType(MediaType.APPLICATION_JSON)
                                 .bodyValue(Map.of("startTime", "14:00", "endTime", "16:00"))
                                 .exchange().expectStatus().isForbidden()
                                 .expectBody().jsonPath("$.type").isEqualTo("/problems/not-the-organizer");
        as(resident, PASSWORD).get().uri("/api/volunteer-post-series/{id}", seriesId).exchange()
                              .expectStatus().isOk().expectBody().jsonPath("$.occurrences.length()").isEqualTo(2);
    }
}
