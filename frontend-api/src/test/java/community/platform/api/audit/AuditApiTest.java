package community.platform.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import community.platform.ApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What auditors read: history, past states, explanations, corrections, the log, integrity and seals. */
class AuditApiTest extends ApiTest {

    private static final String PASSWORD = "audit-password";
    private static final OffsetDateTime SUNDAY = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(9)
                                                               .withHour(8).withMinute(0).withSecond(0).withNano(0);

    @Autowired
    @Qualifier("platformDatabase")
    private MongoDatabase store;

    private String publish(String organizer, int capacity) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Park clean-up");
        body.put("team", "green");
        body.put("location", "East Park");
        body.put("startsAt", SUNDAY.toString());
        body.put("endsAt", SUNDAY.plusHours(2).toString());
        body.put("capacity", capacity);
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    private void signUp(String resident, String post) {
        as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                              .expectStatus().isCreated();
    }

    private JsonNode get(String user, String uri, Object... vars) {
        return as(user, PASSWORD).get().uri(uri, vars).exchange().expectStatus().isOk()
                                 .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode stateAt(String auditor, String post, Instant at) {
        return get(auditor, "/api/audit/streams/{id}/state?asOf={at}", post, at.toString());
    }

    /** A post with capacity 1: lihua takes the seat, wang queues, lihua leaves and wang moves up. */
    private record History(String post, String organizer, String lihua, String wang, JsonNode events) {
    }

    private History aPostWithAPromotion(String auditor) {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String wang = account("wang", PASSWORD, "RESIDENT");
        String post = publish(organizer, 1);
        signUp(lihua, post);
        signUp(wang, post);
        as(lihua, PASSWORD).delete().uri("/api/volunteer-posts/{id}/signups/me", post).exchange()
                           .expectStatus().isNoContent();
        return new History(post, organizer, lihua, wang, get(auditor, "/api/audit/streams/{id}/events", post));
    }

    @Test
    void aRecordsHistoryNamesWhoDidWhatAndWhen() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        History h = aPostWithAPromotion(auditor);

        assertThat(h.events()).extracting(e -> e.get("type").asText()).containsExactly(
                "VolunteerPostPublishedEvent", "VolunteerSignedUpEvent", "VolunteerWaitlistedEvent",
                "SignUpWithdrawnEvent", "VolunteerPromotedEvent");
        assertThat(h.events()).extracting(e -> e.get("sequence").asInt()).containsExactly(0, 1, 2, 3, 4);
        assertThat(h.events()).extracting(e -> e.get("actor").asText())
                              .containsExactly(h.organizer(), h.lihua(), h.wang(), h.lihua(), h.lihua());
        assertThat(h.events().get(2).at("/payload/position").asInt()).isEqualTo(1);
        assertThat(h.events().get(2).at("/metadata/correlationId").asText()).isNotBlank();
        as(auditor, PASSWORD).get().uri("/api/audit/streams/no-such-record/events").exchange()
                             .expectStatus().isNotFound();
    }

    @Test
    void personalFieldsAreMaskedUnlessTheAuditorStatesAReasonWhichIsRecorded() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        String lihua = unique("lihua");
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", lihua, "password", PASSWORD, "displayName", "Li Hua " + lihua,
                             "phone", "13800138000")).exchange().expectStatus().isCreated();

        JsonNode masked = as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/events", lihua).exchange()
                                               .expectStatus().isOk().expectHeader().valueEquals("Personal-Data", "masked")
                                               .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(masked.get(0).at("/payload/username").asText()).isEqualTo(lihua);
        assertThat(masked.get(0).at("/payload/displayName").asText()).isEqualTo("[masked]");
        assertThat(masked.get(0).at("/payload/phone").asText()).isEqualTo("[masked]");
        assertThat(masked.get(0).at("/metadata/clientAddress").asText()).isEqualTo("[masked]");
        assertThat(get(auditor, "/api/audit/streams/{id}/state", lihua).toString())
                .doesNotContain("13800138000").doesNotContain("Li Hua").contains("[masked]");
        as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/events?reason= ", lihua).exchange()
                             .expectStatus().isEqualTo(422);
        as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/state?reason={r}", lihua, "x".repeat(501)).exchange()
                             .expectStatus().isEqualTo(422);

        JsonNode shown = as(auditor, PASSWORD).get()
                                              .uri("/api/audit/streams/{id}/events?reason={r}", lihua,
                                                   "complaint 2027-014 about a duty")
                                              .exchange().expectStatus().isOk()
                                              .expectHeader().valueEquals("Personal-Data", "shown")
                                              .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(shown.get(0).at("/payload/phone").asText()).isEqualTo("13800138000");
        assertThat(shown.get(0).at("/metadata/clientAddress").asText()).isEqualTo("127.0.0.1");

        String log = as(auditor, PASSWORD).get().uri("/api/audit/events?type=PersonalDataShownEvent").exchange()
                                          .expectStatus().isOk().expectBody(String.class).returnResult()
                                          .getResponseBody();
        assertThat(log).contains(lihua).contains("complaint 2027-014 about a duty").contains("\"auditor\":\"" + auditor);
        String export = as(auditor, PASSWORD).get().uri("/api/audit/events?actor={a}", lihua).exchange()
                                             .expectStatus().isOk().expectBody(String.class).returnResult()
                                             .getResponseBody();
        assertThat(export).contains(lihua).doesNotContain("13800138000").doesNotContain("Li Hua");
        String csv = as(auditor, PASSWORD).get().uri("/api/audit/events?actor={a}&format=csv", lihua).exchange()
                                          .expectStatus().isOk().expectBody(String.class).returnResult()
                                          .getResponseBody();
        assertThat(csv).contains(lihua).doesNotContain("13800138000").doesNotContain("Li Hua");
    }

    @Test
    void thePastStateBeforeTheFirstSignUpMidWaitlistAndAfterThePromotion() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        History h = aPostWithAPromotion(auditor);
        Instant published = Instant.parse(h.events().get(0).get("timestamp").asText());
        Instant waitlisted = Instant.parse(h.events().get(2).get("timestamp").asText());

        JsonNode before = stateAt(auditor, h.post(), published);
        assertThat(before.get("lastSequence").asInt()).isZero();
        assertThat(before.at("/state/confirmed").asInt()).isZero();
        assertThat(before.at("/state/waitlisted").asInt()).isZero();

        JsonNode midWaitlist = stateAt(auditor, h.post(), waitlisted);
        assertThat(midWaitlist.get("lastSequence").asInt()).isEqualTo(2);
        assertThat(midWaitlist.at("/state/confirmed").asInt()).isEqualTo(1);
        assertThat(midWaitlist.at("/state/waitlisted").asInt()).isEqualTo(1);

        JsonNode afterPromotion = stateAt(auditor, h.post(), Instant.now());
        assertThat(afterPromotion.get("lastSequence").asInt()).isEqualTo(4);
        assertThat(afterPromotion.at("/state/confirmed").asInt()).isEqualTo(1);
        assertThat(afterPromotion.at("/state/waitlisted").asInt()).isZero();
        // the same function builds the live view: now, the past state and the view agree
        JsonNode live = get(auditor, "/api/volunteer-posts/{id}", h.post());
        assertThat(afterPromotion.at("/state/confirmed")).isEqualTo(live.get("confirmed"));

        JsonNode beforeItExisted = stateAt(auditor, h.post(), published.minusSeconds(1));
        assertThat(beforeItExisted.get("lastSequence").asInt()).isEqualTo(-1);
        assertThat(beforeItExisted.get("state").isNull()).isTrue();
    }

    @Test
    void theWaitlistIsExplainedFromTheRecordedInputs() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        History h = aPostWithAPromotion(auditor);

        JsonNode why = get(auditor, "/api/audit/explain/waitlist?postId={p}&username={u}", h.post(), h.wang());

        JsonNode decisions = why.get("decisions");
        assertThat(decisions).extracting(d -> d.get("type").asText())
                             .containsExactly("VolunteerWaitlistedEvent", "VolunteerPromotedEvent");
        assertThat(decisions.get(0).get("because").asText())
                .isEqualTo("All 1 seats were taken (1 before this request), so a place in the queue: position 1");
        assertThat(decisions.get(0).at("/inputs/capacity").asInt()).isEqualTo(1);
        assertThat(decisions.get(1).get("because").asText())
                .contains("SignUpWithdrawnEvent at sequence 3, by " + h.lihua(), "first in the queue (position 1)");
        as(auditor, PASSWORD).get().uri("/api/audit/explain/waitlist?username=x").exchange()
                             .expectStatus().isBadRequest();
    }

    @Test
    void correctionsAreListedWithActorAndReason() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        Map<String, Object> event = new HashMap<>();
        event.put("title", "Competition");
        event.put("kind", "COMPETITION");
        event.put("venue", unique("Hall"));
        event.put("startsAt", SUNDAY.plusDays(1).toString());
        event.put("endsAt", SUNDAY.plusDays(1).plusHours(3).toString());
        event.put("capacity", 10);
        String fe = as(organizer, PASSWORD).post().uri("/api/festival-events").contentType(MediaType.APPLICATION_JSON)
                                           .bodyValue(event).exchange().expectStatus().isCreated()
                                           .expectBody(JsonNode.class).returnResult().getResponseBody()
                                           .get("id").asText();
        as(resident, PASSWORD).post().uri("/api/festival-events/{id}/registrations", fe).exchange()
                              .expectStatus().isCreated();
        String entry = as(resident, PASSWORD).post().uri("/api/festival-events/{id}/entries", fe)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("upperLine", "春风得意马蹄疾", "lowerLine", "一日看尽长安花", "horizontalScroll", "春满人间"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("entryId").asText();
        for (Map<String, Object> score : List.of(Map.<String, Object>of("judge", "Wu", "score", 70),
                                                 Map.<String, Object>of("judge", "Wu", "score", 88,
                                                                        "reason", "misread the scroll"))) {
            as(organizer, PASSWORD).post().uri("/api/festival-events/{id}/entries/{e}/scores", fe, entry)
                                   .contentType(MediaType.APPLICATION_JSON).bodyValue(score).exchange()
                                   .expectStatus().isOk();
        }

        JsonNode corrections = get(auditor, "/api/audit/corrections");
        List<JsonNode> ours = new java.util.ArrayList<>();
        corrections.forEach(c -> {
            if (fe.equals(c.get("streamId").asText())) {
                ours.add(c);
            }
        });
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0).get("actor").asText()).isEqualTo(organizer);
        assertThat(ours.get(0).at("/payload/reason").asText()).isEqualTo("misread the scroll");
        assertThat(ours.get(0).at("/payload/replacedScore").asInt()).isEqualTo(70);
        assertThat(ours.get(0).at("/payload/score").asInt()).isEqualTo(88);
    }

    @Test
    void theLogExportsAsNdjsonAndCsvWithFilters() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        History h = aPostWithAPromotion(auditor);

        List<String> lines = as(auditor, PASSWORD).get()
                .uri("/api/audit/events?actor={a}&type=VolunteerWaitlistedEvent", h.wang())
                .accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .returnResult(String.class).getResponseBody().collectList().block();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"streamId\":\"" + h.post() + "\"", "\"type\":\"VolunteerWaitlistedEvent\"");

        String csv = as(auditor, PASSWORD).get().uri("/api/audit/events?actor={a}&format=csv", h.lihua())
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        String[] rows = csv.split("\r\n");
        assertThat(rows[0]).isEqualTo("position,streamId,sequence,type,timestamp,actor,payload,metadata");
        // registered, held the time, signed up, withdrew, the promotion their leaving caused, released the time
        assertThat(rows).hasSize(1 + 6);
        assertThat(rows[3]).contains(h.post(), "VolunteerSignedUpEvent", "\"{\"\"postId\"\"");
        as(auditor, PASSWORD).get().uri("/api/audit/events?format=xml").exchange().expectStatus().isBadRequest();
    }

    @Test
    void tamperingThroughTheDriverIsFoundAtItsStreamAndSequenceAndBreaksAKeptSeal() {
        String auditor = account("auditor", PASSWORD, "AUDITOR");
        History h = aPostWithAPromotion(auditor);
        assertThat(get(auditor, "/api/audit/integrity").get("verified").asBoolean()).isTrue();
        JsonNode seal = get(auditor, "/api/audit/seal");
        assertThat(get(auditor, "/api/audit/seal/verify?position={p}&digest={d}", seal.get("position").asLong(),
                       seal.get("digest").asText()).get("verified").asBoolean()).isTrue();

        var commits = store.getCollection("eventCommits");
        String commitId = "VolunteerPost:" + h.post() + "#2";
        Document original = commits.find(Filters.eq("_id", commitId)).first();
        try {
            commits.updateOne(Filters.eq("_id", commitId),
                              new Document("$set", new Document("events.0.payload.position", 7)));

            assertThat(get(auditor, "/api/audit/integrity").get("verified").asBoolean())
                    .as("a check continues after what the last one verified").isTrue();
            JsonNode report = get(auditor, "/api/audit/integrity?full=true");
            assertThat(report.get("verified").asBoolean()).isFalse();
            assertThat(report.get("checkedFrom").asLong()).isZero();
            assertThat(report.at("/firstBrokenAt/streamId").asText()).isEqualTo("VolunteerPost:" + h.post());
            assertThat(report.at("/firstBrokenAt/sequence").asInt()).isEqualTo(2);
            as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/events", h.post()).exchange()
                                 .expectStatus().isOk()
                                 .expectHeader().valueEquals("Chain-Intact", "false")
                                 .expectHeader().valueEquals("Chain-Broken-From", "2");
            as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/state", h.post()).exchange()
                                 .expectHeader().valueEquals("Chain-Intact", "false");
            assertThat(get(auditor, "/api/audit/seal/verify?position={p}&digest={d}", seal.get("position").asLong(),
                           seal.get("digest").asText()).get("verified").asBoolean()).isFalse();
        } finally {
            commits.replaceOne(Filters.eq("_id", commitId), original);
        }
        assertThat(get(auditor, "/api/audit/integrity").get("verified").asBoolean())
                .as("what a check found stays reported").isFalse();
        assertThat(get(auditor, "/api/audit/integrity?full=true").get("verified").asBoolean()).isTrue();
        as(auditor, PASSWORD).get().uri("/api/audit/streams/{id}/events", h.post()).exchange()
                             .expectHeader().valueEquals("Chain-Intact", "true");
    }

    @Test
    void theEventStoreCountsGivenUpPositionsAndRejectedSnapshots() {
        String metrics = asAdmin().mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                                  .get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                                  .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("platform_event_store_positions_given_up_total",
                                     "platform_event_store_snapshots_rejected_total");
    }

    @Test
    void residentsAndOrganizersMayNotAudit() {
        String resident = account("resident", PASSWORD, "RESIDENT");
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        for (String user : List.of(resident, organizer)) {
            as(user, PASSWORD).get().uri("/api/audit/integrity").exchange().expectStatus().isForbidden();
            as(user, PASSWORD).get().uri("/api/audit/events").exchange().expectStatus().isForbidden();
        }
        asAdmin().get().uri("/api/audit/integrity").exchange().expectStatus().isOk();
    }
}
