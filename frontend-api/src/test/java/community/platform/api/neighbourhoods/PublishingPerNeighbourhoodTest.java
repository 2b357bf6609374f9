package community.platform.api.neighbourhoods;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Organizers publish posts, events and courses only in the neighbourhoods they were appointed to, or in the default
 * one, which holds what was made before there were neighbourhoods; residents filter the lists by neighbourhood.
 */
class PublishingPerNeighbourhoodTest extends ApiTest {

    private static final String PASSWORD = "per-neighbourhood";
    private static final String DEFAULT = "nb-default";
    private static final OffsetDateTime NEXT_WEEK = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                                  .withHour(9).withMinute(0).withSecond(0).withNano(0);

    private String neighbourhood(String name, String... organizers) {
        String id = asAdmin().post().uri("/api/neighbourhoods").contentType(MediaType.APPLICATION_JSON)
                             .bodyValue(Map.of("name", unique(name), "areas", List.of())).exchange()
                             .expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                             .getResponseBody().get("id").asText();
        for (String organizer : organizers) {
            asAdmin().post().uri("/api/admin/accounts/{u}/neighbourhoods", organizer)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("neighbourhoodId", id)).exchange()
                     .expectStatus().isOk();
        }
        return id;
    }

    private Map<String, Object> post(String neighbourhoodId, int day) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title", unique("Health safeguarding duty"), "team", "health safeguarding", "location", "Clinic",
                "startsAt", NEXT_WEEK.plusDays(day).toString(), "endsAt", NEXT_WEEK.plusDays(day).plusHours(2).toString(),
                "capacity", 3));
        if (neighbourhoodId != null) {
            body.put("neighbourhoodId", neighbourhoodId);
        }
        return body;
    }

    private Map<String, Object> event(String neighbourhoodId) {
        return Map.of("title", "Couplet workshop", "kind", "WORKSHOP", "venue", unique("Hall"),
                      "startsAt", NEXT_WEEK.toString(), "endsAt", NEXT_WEEK.plusHours(2).toString(), "capacity", 30,
                      "neighbourhoodId", neighbourhoodId);
    }

    private Map<String, Object> course(String neighbourhoodId) {
        return Map.of("title", "Paper cutting", "instructor", "Teacher Wu", "minGrade", 1, "maxGrade", 6,
                      "capacity", 20, "neighbourhoodId", neighbourhoodId,
                      "sessions", List.of(Map.of("date", NEXT_WEEK.toLocalDate().toString(), "startTime", "15:30",
                                                 "endTime", "17:00", "room", "201")));
    }

    private JsonNode created(String organizer, String uri, Map<String, Object> body) {
        return as(organizer, PASSWORD).post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                                      .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                                      .returnResult().getResponseBody();
    }

    private void refused(String organizer, String uri, Map<String, Object> body, int status, String type) {
        as(organizer, PASSWORD).post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                               .expectStatus().isEqualTo(status)
                               .expectBody().jsonPath("$.type").isEqualTo("/problems/" + type);
    }

    private List<String> ids(String uri) {
        return as(account("resident", PASSWORD, "RESIDENT"), PASSWORD).get().uri(uri).exchange()
                                                                     .expectStatus().isOk()
                                                                     .expectBody(JsonNode.class).returnResult()
                                                                     .getResponseBody().findValuesAsText("id");
    }

    @Test
    void anOrganizerPublishesInTheirNeighbourhoodAndIsRefusedInAnother() {
        String wang = account("wang", PASSWORD, "ORGANIZER");
        String li = account("li", PASSWORD, "ORGANIZER");
        String donghu = neighbourhood("东湖社区", wang);
        String xihu = neighbourhood("西湖社区", li);

        JsonNode post = created(wang, "/api/volunteer-posts", post(donghu, 0));
        assertThat(post.get("neighbourhoodId").asText()).isEqualTo(donghu);
        assertThat(created(wang, "/api/festival-events", event(donghu)).get("neighbourhoodId").asText())
                .isEqualTo(donghu);
        assertThat(created(wang, "/api/courses", course(donghu)).get("neighbourhoodId").asText()).isEqualTo(donghu);

        for (String uri : List.of("/api/volunteer-posts", "/api/festival-events", "/api/courses")) {
            Map<String, Object> body = uri.endsWith("posts") ? post(xihu, 1)
                    : uri.endsWith("events") ? event(xihu) : course(xihu);
            refused(wang, uri, body, 403, "not-your-neighbourhood");
        }
        refused(wang, "/api/volunteer-posts", post("nb-0000000000000000", 2), 404, "neighbourhood-not-found");
        refused(wang, "/api/volunteer-posts", post("x".repeat(41), 2), 400, "validation");
        assertThat(ids("/api/volunteer-posts?neighbourhood=" + xihu)).isEmpty();
    }

    @Test
    void whatNamesNoNeighbourhoodIsInTheDefaultOneWhereEveryOrganizerPublishes() {
        String zhao = account("zhao", PASSWORD, "ORGANIZER");
        assertThat(web.get().uri("/api/neighbourhoods").exchange().expectBody(JsonNode.class).returnResult()
                      .getResponseBody().findValuesAsText("id")).contains(DEFAULT);

        JsonNode unnamed = created(zhao, "/api/volunteer-posts", post(null, 3));
        assertThat(unnamed.get("neighbourhoodId").asText()).isEqualTo(DEFAULT);
        JsonNode named = created(zhao, "/api/volunteer-posts", post(DEFAULT, 4));
        assertThat(named.get("neighbourhoodId").asText()).isEqualTo(DEFAULT);
    }

    @Test
    void listsFilterByNeighbourhood() {
        String wang = account("wang", PASSWORD, "ORGANIZER");
        String donghu = neighbourhood("东湖社区", wang);
        String inDonghu = created(wang, "/api/volunteer-posts", post(donghu, 5)).get("id").asText();
        String inDefault = created(wang, "/api/volunteer-posts", post(null, 5)).get("id").asText();
        String eventInDonghu = created(wang, "/api/festival-events", event(donghu)).get("id").asText();
        String courseInDonghu = created(wang, "/api/courses", course(donghu)).get("id").asText();
        as(wang, PASSWORD).post().uri("/api/courses/{id}/publication", courseInDonghu).exchange()
                          .expectStatus().isOk();

        assertThat(ids("/api/volunteer-posts?neighbourhood=" + donghu)).containsExactly(inDonghu);
        assertThat(ids("/api/volunteer-posts?neighbourhood=" + DEFAULT)).contains(inDefault).doesNotContain(inDonghu);
        assertThat(ids("/api/volunteer-posts")).contains(inDonghu, inDefault);
        assertThat(ids("/api/festival-events?neighbourhood=" + donghu)).containsExactly(eventInDonghu);
        assertThat(ids("/api/courses?neighbourhood=" + donghu)).containsExactly(courseInDonghu);
        assertThat(ids("/api/courses?neighbourhood=" + DEFAULT)).doesNotContain(courseInDonghu);
    }

    @Test
    void anAdminSeesTheHoursByNeighbourhoodAndAnOrganizerTheirsInOne() {
        String wang = account("wang", PASSWORD, "ORGANIZER");
        String volunteer = account("volunteer", PASSWORD, "RESIDENT");
        String donghu = neighbourhood("东湖社区", wang);
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusMinutes(10).withNano(0);
        Map<String, Object> body = new HashMap<>(post(donghu, 0));
        body.put("startsAt", soon.toString());
        body.put("endsAt", soon.plusHours(1).toString());
        String postId = created(wang, "/api/volunteer-posts", body).get("id").asText();
        as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                               .expectStatus().isCreated();
        as(wang, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", postId)
                          .contentType(MediaType.APPLICATION_JSON)
                          .bodyValue(Map.of("username", volunteer, "checkedInAt", soon.minusMinutes(100).toString(),
                                            "checkedOutAt", soon.minusMinutes(10).toString()))
                          .exchange().expectStatus().isOk();

        JsonNode report = asAdmin().get().uri("/api/admin/neighbourhoods/report").exchange().expectStatus().isOk()
                                   .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode row = null;
        for (JsonNode candidate : report) {
            if (candidate.get("id").asText().equals(donghu)) {
                row = candidate;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("hours").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(row.get("posts").asInt()).isEqualTo(1);
        assertThat(row.get("organizers").asInt()).isEqualTo(1);
        assertThat(report.findValuesAsText("id")).contains(DEFAULT);
        as(wang, PASSWORD).get().uri("/api/admin/neighbourhoods/report").exchange().expectStatus().isForbidden();
    }
}
