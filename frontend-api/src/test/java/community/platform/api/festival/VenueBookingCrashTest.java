package community.platform.api.festival;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.PlatformApplication;
import community.platform.shared.festival.ConfirmRescheduleCommand;
import community.platform.shared.festival.ReleaseVenueBookingCommand;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process dies between two steps of venue bookings, on one data folder: after a move's new time was booked and
 * before the event moved, and after an event was cancelled and before its venue was released. Until it dies the next
 * step fails every time it is tried (as if the process were gone), so the store holds exactly what a crash there leaves.
 * After a restart both processes finish on their own: the moved event holds its new time only, and the cancelled one
 * holds nothing.
 */
class VenueBookingCrashTest {

    private static final String ADMIN_PASSWORD = "crash-admin-password";
    private static final String PASSWORD = "crash-password";
    private static final OffsetDateTime EVE = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30)
                                                            .withHour(14).withMinute(0).withSecond(0).withNano(0);
    private static final String VENUE = "Crash Hall";

    @TempDir
    Path data;

    @Test
    void bookingsInterruptedBetweenStepsAreFinishedAfterARestartAndNothingStaysHeld() {
        String moved;
        String cancelled;
        try (ConfigurableApplicationContext platform = start()) {
            WebTestClient web = awaitUp(platform);
            WebTestClient organizer = as(web, account(web, "organizer", "ORGANIZER"));
            moved = schedule(organizer, "Calligraphy", EVE, EVE.plusHours(3));
            cancelled = schedule(organizer, "Lantern riddles", EVE.plusHours(4), EVE.plusHours(5));

            platform.getBean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
                Object command = unitOfWork.getMessage().getPayload();
                if (command instanceof ConfirmRescheduleCommand || command instanceof ReleaseVenueBookingCommand) {
                    throw new IllegalStateException("the process is gone before " + command);
                }
                return chain.proceed();
            });
            organizer.put().uri("/api/festival-events/{id}/schedule", moved).contentType(MediaType.APPLICATION_JSON)
                     .bodyValue(Map.of("startsAt", EVE.minusHours(4).toString(),
                                       "endsAt", EVE.minusHours(2).toString()))
                     .exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            organizer.post().uri("/api/festival-events/{id}/cancellation", cancelled)
                     .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "rain"))
                     .exchange().expectStatus().isOk();

            // what the crash leaves: the new time held, the event not moved; the cancelled event's time still held
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(calendar(organizer)).containsExactly(
                    moved + " " + at(EVE.minusHours(4)), cancelled + " " + at(EVE.plusHours(4))));
            assertThat(startsAt(organizer, moved)).isEqualTo(at(EVE));
        }

        try (ConfigurableApplicationContext platform = start()) {
            WebTestClient organizer = as(awaitUp(platform), "organizer");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(startsAt(organizer, moved)).isEqualTo(at(EVE.minusHours(4)));
                assertThat(calendar(organizer)).containsExactly(moved + " " + at(EVE.minusHours(4)));
            });
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "PLATFORM_ADMIN_USERNAME=root",
                            "PLATFORM_ADMIN_PASSWORD=" + ADMIN_PASSWORD, "platform.views.catch-up-timeout=3s")
                .run();
    }

    private static WebTestClient awaitUp(ConfigurableApplicationContext platform) {
        WebTestClient web = WebTestClient.bindToServer()
                                         .baseUrl("http://127.0.0.1:" + platform.getEnvironment()
                                                                                .getProperty("local.server.port"))
                                         .responseTimeout(Duration.ofSeconds(30)).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
               .until(() -> web.get().uri("/actuator/health").exchange().returnResult(String.class)
                               .getStatus().value() == 200);
        return web;
    }

    private static WebTestClient as(WebTestClient web, String username) {
        return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, PASSWORD)).build();
    }

    private static String account(WebTestClient web, String username, String role) {
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", username, "password", PASSWORD, "displayName", username))
           .exchange().expectStatus().isCreated();
        web.mutate().defaultHeaders(headers -> headers.setBasicAuth("root", ADMIN_PASSWORD)).build()
           .post().uri("/api/admin/accounts/{u}/roles", username).contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("role", role)).exchange().expectStatus().isOk();
        return username;
    }

    private static String schedule(WebTestClient organizer, String title, OffsetDateTime starts,
                                   OffsetDateTime ends) {
        return organizer.post().uri("/api/festival-events").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("title", title, "kind", "WORKSHOP", "venue", VENUE,
                                          "startsAt", starts.toString(), "endsAt", ends.toString(), "capacity", 20))
                        .exchange().expectStatus().isCreated()
                        .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    /** The venue's bookings as "event start". */
    private static List<String> calendar(WebTestClient organizer) {
        JsonNode bookings = organizer.get().uri("/api/venues/{v}/calendar", VENUE).exchange()
                                     .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                     .getResponseBody();
        List<String> found = new ArrayList<>();
        bookings.forEach(b -> found.add(b.get("eventId").asText() + " " + b.get("startsAt").asText()));
        return found;
    }

    private static String startsAt(WebTestClient organizer, String eventId) {
        return organizer.get().uri("/api/festival-events/{id}", eventId).exchange().expectStatus().isOk()
                        .expectBody(JsonNode.class).returnResult().getResponseBody().get("startsAt").asText();
    }

    private static String at(OffsetDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
