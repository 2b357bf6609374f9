package community.platform.api.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import reactor.core.publisher.Mono;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class VolunteerPostsApiTest extends ApiTest {

    private static final String PASSWORD = "volunteer-password";
    private static final OffsetDateTime SUNDAY = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                               .withHour(8).withMinute(0).withSecond(0).withNano(0);

    private String publish(String organizer, int capacity) {
        return publish(organizer, capacity, SUNDAY);
    }

    private String publish(String organizer, int capacity, OffsetDateTime startsAt) {
        JsonNode post = as(organizer, PASSWORD).post().uri("/api/volunteer-posts")
                                               .contentType(MediaType.APPLICATION_JSON)
                                               .bodyValue(postBody(capacity, startsAt))
                                               .exchange()
                                               .expectStatus().isCreated()
                                               .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(post.get("status").asText()).isEqualTo("OPEN");
        return post.get("id").asText();
    }

    private static Map<String, Object> postBody(int capacity, OffsetDateTime startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Health safeguarding duty");
        body.put("description", "Temperature checks at the square");
        body.put("team", "health safeguarding");
        body.put("location", "Central Square");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusHours(3).toString());
        body.put("capacity", capacity);
        return body;
    }

    private JsonNode signUp(String resident, String postId) {
        return as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                                     .expectStatus().isCreated()
                                     .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode roster(String organizer, String postId) {
        return as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", postId).exchange()
                                      .expectStatus().isOk()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void fiftySimultaneousSignUpsOnTenSeatsGiveTenSeatsAndQueuePositionsOneToForty() throws Exception {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 10);
        List<String> residents = IntStream.range(0, 50).mapToObj(i -> account("resident", PASSWORD, "RESIDENT"))
                                          .toList();

        ExecutorService callers = Executors.newFixedThreadPool(50);
        List<Callable<JsonNode>> signUps = residents.stream()
                                                    .<Callable<JsonNode>>map(r -> () -> signUp(r, postId)).toList();
        List<JsonNode> outcomes = new ArrayList<>();
        for (Future<JsonNode> outcome : callers.invokeAll(signUps)) {
            outcomes.add(outcome.get());
        }
        callers.shutdown();

        assertThat(outcomes).filteredOn(o -> o.get("status").asText().equals("CONFIRMED")).hasSize(10);
        assertThat(outcomes).filteredOn(o -> o.get("status").asText().equals("WAITLISTED"))
                            .extracting(o -> o.get("waitlistPosition").asInt())
                            .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 40).boxed().toList());
        JsonNode roster = roster(organizer, postId);
        assertThat(roster.get("confirmed")).hasSize(10);
        assertThat(roster.get("waitlist")).hasSize(40);
        as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}", postId).exchange()
                               .expectBody().jsonPath("$.confirmed").isEqualTo(10)
                               .jsonPath("$.waitlisted").isEqualTo(40)
                               .jsonPath("$.status").isEqualTo("FULL");
    }

    @Test
    void aWithdrawalPromotesTheFirstInLine() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 1);
        String first = account("first", PASSWORD, "RESIDENT");
        String second = account("second", PASSWORD, "RESIDENT");
        String third = account("third", PASSWORD, "RESIDENT");
        signUp(first, postId);
        assertThat(signUp(second, postId).get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(signUp(third, postId).get("waitlistPosition").asInt()).isEqualTo(2);

        as(first, PASSWORD).delete().uri("/api/volunteer-posts/{id}/signups/me", postId).exchange()
                           .expectStatus().isNoContent();

        JsonNode roster = roster(organizer, postId);
        assertThat(roster.get("confirmed").get(0).get("username").asText()).isEqualTo(second);
        assertThat(roster.get("waitlist").get(0).get("username").asText()).isEqualTo(third);
        assertThat(roster.get("waitlist").get(0).get("position").asInt()).isEqualTo(1);
    }

    @Test
    void anOverlappingDutyIsAConflictNamingTheOtherPost() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String morning = publish(organizer, 5, SUNDAY.plusDays(20));
        String overlapping = publish(organizer, 5, SUNDAY.plusDays(20).plusHours(2));
        String afterwards = publish(organizer, 5, SUNDAY.plusDays(20).plusHours(3));
        String resident = account("busy", PASSWORD, "RESIDENT");
        signUp(resident, morning);

        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", overlapping).exchange()
                              .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                              .expectBody()
                              .jsonPath("$.type").isEqualTo("/problems/overlapping-sign-up")
                              .jsonPath("$.subject").isEqualTo(morning)
                              .jsonPath("$.detail").value(detail -> assertThat(detail.toString())
                                      .contains("Health safeguarding duty", morning));
        signUp(resident, afterwards);
        roster(organizer, overlapping).get("confirmed").forEach(c -> assertThat(c.get("username").asText())
                .isNotEqualTo(resident));
    }

    @Test
    void aWithdrawalOrACancellationFreesTheTime() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        OffsetDateTime day = SUNDAY.plusDays(25);
        String first = publish(organizer, 5, day);
        String second = publish(organizer, 5, day);
        String third = publish(organizer, 5, day);
        String resident = account("flexible", PASSWORD, "RESIDENT");

        signUp(resident, first);
        as(resident, PASSWORD).delete().uri("/api/volunteer-posts/{id}/signups/me", first).exchange()
                              .expectStatus().isNoContent();
        signUp(resident, second);
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/cancellation", second)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "storm"))
                               .exchange().expectStatus().isOk();

        assertThat(signUp(resident, third).get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void recordedHoursAppearInTheLedgerAndACorrectionReplacesThem() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        String postId = publish(organizer, 5, now.plusHours(1));
        String resident = account("helper", PASSWORD, "RESIDENT");
        signUp(resident, postId);

        attend(organizer, postId, resident, now.minusMinutes(50), now.minusMinutes(5))
                .expectStatus().isOk().expectBody().json("{\"hours\":0.75}");
        // The ledger is another view than the roster the organizer's answer waited for: it follows shortly.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(resident, PASSWORD)
                .get().uri("/api/volunteers/me/hours").exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"totalHours\":0.75,\"posts\":[{\"postId\":\"" + postId
                                   + "\",\"title\":\"Health safeguarding duty\",\"hours\":0.75}]}"));

        attend(organizer, postId, resident, now.minusMinutes(35), now.minusMinutes(5))
                .expectStatus().isOk().expectBody().json("{\"hours\":0.50}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(resident, PASSWORD)
                .get().uri("/api/volunteers/me/hours").exchange()
                .expectBody().jsonPath("$.totalHours").isEqualTo(0.5));
        assertThat(roster(organizer, postId).get("confirmed").get(0).get("hours").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aCheckInShowsOnTheRosterOnceAndOnlyForSeatedVolunteers() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        String postId = publish(organizer, 5, now.plusMinutes(30));
        String resident = account("resident", PASSWORD, "RESIDENT");
        signUp(resident, postId);

        String checkedIn = as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/check-ins", postId)
                                                  .contentType(MediaType.APPLICATION_JSON)
                                                  .bodyValue(Map.of("username", resident)).exchange()
                                                  .expectStatus().isOk()
                                                  .expectBody(JsonNode.class).returnResult().getResponseBody()
                                                  .get("checkedInAt").asText();
        assertThat(roster(organizer, postId).get("confirmed").get(0).get("checkedInAt").asText()).isEqualTo(checkedIn);
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/check-ins", postId)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", resident))
                               .exchange().expectStatus().isOk()
                               .expectBody().jsonPath("$.checkedInAt").isEqualTo(checkedIn);

        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/check-ins", postId)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", "nobody"))
                               .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                               .expectBody().jsonPath("$.type").isEqualTo("/problems/not-on-roster");
    }

    @Test
    void attendanceForSomeoneNotOnTheRosterIsAConflict() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        String postId = publish(organizer, 5, now.plusHours(1));

        attend(organizer, postId, account("absent", PASSWORD, "RESIDENT"), now.minusMinutes(50), now.minusMinutes(5))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-on-roster");
    }

    @Test
    void theCalendarParsesWithOneEventPerConfirmedDuty() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String seated = publish(organizer, 1, SUNDAY.plusDays(40));
        String queued = publish(organizer, 1, SUNDAY.plusDays(41));
        signUp(account("first", PASSWORD, "RESIDENT"), queued);
        String resident = account("planner", PASSWORD, "RESIDENT");
        signUp(resident, seated);
        signUp(resident, queued);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String ics = as(resident, PASSWORD).get().uri("/api/volunteers/me/calendar.ics").exchange()
                                               .expectStatus().isOk()
                                               .expectHeader().contentTypeCompatibleWith("text/calendar")
                                               .expectBody(String.class).returnResult().getResponseBody();
            net.fortuna.ical4j.model.Calendar calendar = new net.fortuna.ical4j.data.CalendarBuilder()
                    .build(new java.io.StringReader(ics));
            List<net.fortuna.ical4j.model.component.VEvent> events =
                    calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getUid().orElseThrow().getValue()).isEqualTo(seated + "@community-platform");
            assertThat(events.get(0).getSummary().getValue()).isEqualTo("Health safeguarding duty");
        });
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec attend(
            String organizer, String postId, String volunteer, OffsetDateTime in, OffsetDateTime out) {
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", postId)
                                      .contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(Map.of("username", volunteer, "checkedInAt", in.toString(),
                                                        "checkedOutAt", out.toString()))
                                      .exchange();
    }

    @Test
    void theStreamSendsTheCountsAndEachChange() {
        String postId = publish(account("organizer", PASSWORD, "ORGANIZER"), 1);
        String watcher = account("watcher", PASSWORD, "RESIDENT");
        reactor.core.publisher.Flux<JsonNode> counts = as(watcher, PASSWORD)
                .get().uri("/api/volunteer-posts/{id}/stream", postId).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(JsonNode.class).getResponseBody();

        reactor.test.StepVerifier.create(counts)
                .assertNext(first -> assertThat(first.get("confirmed").asInt()).isZero())
                .then(() -> signUp(account("eager", PASSWORD, "RESIDENT"), postId))
                .assertNext(next -> {
                    assertThat(next.get("confirmed").asInt()).isEqualTo(1);
                    assertThat(next.get("status").asText()).isEqualTo("FULL");
                })
                .thenCancel()
                .verify(java.time.Duration.ofSeconds(30));
    }

    /**
     * The stream is pushed from the event stream, not polled: a change written straight to the view, with no event,
     * does not show (a poll would find it within a second), and the next event's change does.
     */
    @Test
    void theStreamIsPushedNotPolled(@Autowired @Qualifier("platformViewDatabase") MongoDatabase views) {
        String postId = publish(account("organizer", PASSWORD, "ORGANIZER"), 3);
        reactor.core.publisher.Flux<JsonNode> counts = as(account("watcher", PASSWORD, "RESIDENT"), PASSWORD)
                .get().uri("/api/volunteer-posts/{id}/stream", postId).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk()
                .returnResult(JsonNode.class).getResponseBody();

        reactor.test.StepVerifier.create(counts)
                .assertNext(first -> assertThat(first.get("capacity").asInt()).isEqualTo(3))
                .then(() -> Mono.from(views.getCollection("volunteerPostViews").updateOne(
                        Filters.eq("_id", postId), Updates.set("post.capacity", 4))).block())
                .expectNoEvent(java.time.Duration.ofSeconds(3))
                .then(() -> signUp(account("eager", PASSWORD, "RESIDENT"), postId))
                .assertNext(next -> assertThat(next.get("confirmed").asInt()).isEqualTo(1))
                .thenCancel()
                .verify(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aSecondSignUpIsAConflict() {
        String postId = publish(account("organizer", PASSWORD, "ORGANIZER"), 5);
        String resident = account("keen", PASSWORD, "RESIDENT");
        signUp(resident, postId);

        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                              .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                              .expectBody().jsonPath("$.type").isEqualTo("/problems/already-signed-up");
    }

    @Test
    void aCancelledPostRefusesSignUps() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 5);
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/cancellation", postId)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "flooded square"))
                               .exchange()
                               .expectStatus().isOk()
                               .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

        as(account("late", PASSWORD, "RESIDENT"), PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId)
                                                           .exchange()
                                                           .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                                                           .expectBody().jsonPath("$.type")
                                                           .isEqualTo("/problems/post-not-open");
    }

    @Test
    void onlyThePostsOrganizerAndAuditorsSeeItsRosterAndAuditorsWithoutNames() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String postId = publish(organizer, 5);
        String volunteer = account("volunteer", PASSWORD, "RESIDENT");
        signUp(volunteer, postId);

        as(account("other", PASSWORD, "ORGANIZER"), PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", postId)
                                                             .exchange().expectStatus().isForbidden();
        JsonNode audited = roster(account("auditor", PASSWORD, "AUDITOR"), postId);
        assertThat(audited.at("/confirmed/0/username").asText()).isEqualTo(volunteer);
        assertThat(audited.at("/confirmed/0/displayName").asText()).isEqualTo("[masked]");
        assertThat(roster(organizer, postId).at("/confirmed/0/displayName").asText())
                .isNotEqualTo("[masked]").isNotBlank();
    }

    @Test
    void onlyTheOrganizerWhoPublishedMayReschedule() {
        String postId = publish(account("organizer", PASSWORD, "ORGANIZER"), 5);

        as(account("other", PASSWORD, "ORGANIZER"), PASSWORD).put().uri("/api/volunteer-posts/{id}/schedule", postId)
                                                             .contentType(MediaType.APPLICATION_JSON)
                                                             .bodyValue(Map.of("startsAt", SUNDAY.plusDays(1).toString(),
                                                                               "endsAt", SUNDAY.plusDays(1).plusHours(2)
                                                                                               .toString()))
                                                             .exchange()
                                                             .expectStatus().isForbidden()
                                                             .expectBody().jsonPath("$.type")
                                                             .isEqualTo("/problems/not-the-organizer");
    }

    @Test
    void aPostInThePastIsRefusedAndBadShapesAreListed() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(postBody(5, SUNDAY.minusDays(30))).exchange()
                               .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                               .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-schedule");
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("title", "", "capacity", 0)).exchange()
                               .expectStatus().isBadRequest()
                               .expectBody().jsonPath("$.errors[*].field")
                               .isEqualTo(List.of("capacity", "endsAt", "location", "startsAt", "team", "title"));
    }

    @Test
    void postsAreListedAndFilteredByTeam() {
        String postId = publish(account("organizer", PASSWORD, "ORGANIZER"), 5);
        String resident = account("reader", PASSWORD, "RESIDENT");

        as(resident, PASSWORD).get().uri("/api/volunteer-posts?team={t}", "health safeguarding").exchange()
                              .expectStatus().isOk()
                              .expectBody().jsonPath("$[?(@.id == '" + postId + "')].startsAt")
                              .isEqualTo(List.of(SUNDAY.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    }
}
