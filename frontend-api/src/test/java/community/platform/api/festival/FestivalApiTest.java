package community.platform.api.festival;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

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

class FestivalApiTest extends ApiTest {

    private static final String PASSWORD = "festival-password";
    private static final OffsetDateTime EVE = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30)
                                                            .withHour(14).withMinute(0).withSecond(0).withNano(0);

    private static Map<String, Object> event(String title, String kind, String venue, OffsetDateTime startsAt,
                                             int capacity) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("kind", kind);
        body.put("venue", venue);
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusHours(3).toString());
        body.put("capacity", capacity);
        body.put("description", "Spring Festival Couplets Culture Festival");
        return body;
    }

    private WebTestClient.ResponseSpec schedule(String organizer, Map<String, Object> body) {
        return as(organizer, PASSWORD).post().uri("/api/festival-events").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange();
    }

    private String scheduled(String organizer, Map<String, Object> body) {
        return schedule(organizer, body).expectStatus().isCreated()
                                        .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    @Test
    void tenBookingsOfTheSameVenueSlotAtOnceGiveExactlyOne() throws Exception {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String venue = unique("Hall");
        ExecutorService callers = Executors.newFixedThreadPool(10);
        List<Callable<JsonNode>> bookings = IntStream.range(0, 10).<Callable<JsonNode>>mapToObj(i -> () -> {
            var result = schedule(organizer, event("Workshop " + i, "WORKSHOP", venue, EVE, 30))
                    .returnResult(JsonNode.class);
            JsonNode body = result.getResponseBody().blockFirst();
            return body == null ? null : ((com.fasterxml.jackson.databind.node.ObjectNode) body)
                    .put("httpStatus", result.getStatus().value());
        }).toList();
        List<JsonNode> answers = new ArrayList<>();
        for (Future<JsonNode> answer : callers.invokeAll(bookings)) {
            answers.add(answer.get());
        }
        callers.shutdown();

        List<JsonNode> booked = answers.stream().filter(a -> a.get("httpStatus").asInt() == 201).toList();
        List<JsonNode> refused = answers.stream().filter(a -> a.get("httpStatus").asInt() == 409).toList();
        assertThat(booked).hasSize(1);
        assertThat(refused).hasSize(9).allSatisfy(problem -> {
            assertThat(problem.get("type").asText()).isEqualTo("/problems/venue-clash");
            assertThat(problem.get("subject").asText()).isEqualTo(booked.get(0).get("id").asText());
        });
        as(organizer, PASSWORD).get().uri("/api/venues/{v}/calendar", venue).exchange()
                               .expectStatus().isOk()
                               .expectBody().jsonPath("$.length()").isEqualTo(1)
                               .jsonPath("$[0].eventId").isEqualTo(booked.get(0).get("id").asText());
    }

    @Test
    void cancellingFreesTheVenueAndAClashingRescheduleChangesNothing() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String venue = unique("Library");
        String first = scheduled(organizer, event("Calligraphy exhibition", "EXHIBITION", venue, EVE, 100));
        String second = scheduled(organizer, event("Performance", "PERFORMANCE", venue, EVE.plusHours(4), 100));

        as(organizer, PASSWORD).put().uri("/api/festival-events/{id}/schedule", second)
                               .contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("startsAt", EVE.plusHours(1).toString(),
                                                 "endsAt", EVE.plusHours(4).toString()))
                               .exchange()
                               .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                               .expectBody().jsonPath("$.subject").isEqualTo(first);
        as(organizer, PASSWORD).get().uri("/api/festival-events/{id}", second).exchange()
                               .expectBody().jsonPath("$.startsAt").isEqualTo(EVE.plusHours(4)
                                       .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));

        as(organizer, PASSWORD).post().uri("/api/festival-events/{id}/cancellation", first)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "flooded"))
                               .exchange().expectStatus().isOk()
                               .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        scheduled(organizer, event("Writing workshop", "WORKSHOP", venue, EVE, 20));
    }

    @Test
    void aCompetitionTakesValidCoupletsFromRegisteredResidentsAndRanksTheirScores() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String competition = scheduled(organizer, event("Couplet competition", "COMPETITION", unique("Square"),
                                                        EVE, 50));
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String wang = account("wang", PASSWORD, "RESIDENT");
        String outsider = account("outsider", PASSWORD, "RESIDENT");
        for (String resident : List.of(lihua, wang)) {
            as(resident, PASSWORD).post().uri("/api/festival-events/{id}/registrations", competition).exchange()
                                  .expectStatus().isCreated()
                                  .expectBody().json("{\"status\":\"REGISTERED\"}");
        }

        enter(outsider, competition, "春风得意马蹄疾", "一日看尽长安花", "春满人间")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-registered");
        enter(lihua, competition, "春风得意马蹄疾", "一日看尽长安", "春满人间")
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/couplet-lines-unequal");
        String first = entryId(enter(lihua, competition, "春风得意马蹄疾，", "一日看尽长安花。", "春满人间"));
        String second = entryId(enter(wang, competition, "天增岁月人增寿", "春满乾坤福满门", "四季长安"));

        score(organizer, competition, first, "Judge Wu", 80);
        score(organizer, competition, second, "Judge Wu", 70);
        score(organizer, competition, second, "Judge Wu", 80);

        as(lihua, PASSWORD).get().uri("/api/festival-events/{id}/results", competition).exchange()
                           .expectStatus().isOk()
                           .expectBody()
                           .jsonPath("$[0].entryId").isEqualTo(first)
                           .jsonPath("$[0].author").isEqualTo(lihua)
                           .jsonPath("$[0].averageScore").isEqualTo(80.0)
                           .jsonPath("$[1].entryId").isEqualTo(second)
                           .jsonPath("$[1].rank").isEqualTo(2);
    }

    private WebTestClient.ResponseSpec enter(String resident, String eventId, String upper, String lower,
                                             String scroll) {
        return as(resident, PASSWORD).post().uri("/api/festival-events/{id}/entries", eventId)
                                     .contentType(MediaType.APPLICATION_JSON)
                                     .bodyValue(Map.of("upperLine", upper, "lowerLine", lower,
                                                       "horizontalScroll", scroll))
                                     .exchange();
    }

    private static String entryId(WebTestClient.ResponseSpec entered) {
        return entered.expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                      .get("entryId").asText();
    }

    private void score(String organizer, String eventId, String entryId, String judge, int score) {
        as(organizer, PASSWORD).post().uri("/api/festival-events/{id}/entries/{e}/scores", eventId, entryId)
                               .contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("judge", judge, "score", score))
                               .exchange().expectStatus().isOk();
    }
}
