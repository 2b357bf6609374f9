package community.platform.api.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.PlatformApplication;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform dies between two steps of a sign-up, and starts again on the same data. From the moment it "dies" (a
 * command of the given type is about to be sent), no command reaches a record; then its context is closed. After the
 * restart the duties process takes the interrupted step again, with no one asking: the sign-up is finished, or its
 * hold given back.
 */
class SignUpCrashTest {

    private static final String ADMIN_PASSWORD = "crash-admin-password";
    private static final String PASSWORD = "crash-password";
    private static final OffsetDateTime DAY = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(12).withHour(9)
                                                            .withMinute(0).withSecond(0).withNano(0);

    @TempDir
    Path data;

    @Test
    void diedAfterTheTimeWasHeldAndBeforeThePostDecided() throws Exception {
        String post;
        try (ConfigurableApplicationContext platform = start()) {
            WebTestClient web = awaitUp(platform);
            post = publish(web, account(web, "organizer", "ORGANIZER"), DAY);
            account(web, "resident", "RESIDENT");
            diesBefore(platform, "ConfirmSignUpCommand", () -> signUpInBackground(web, "resident", post));
        }

        try (ConfigurableApplicationContext platform = start()) {
            WebTestClient web = awaitUp(platform);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    as(web, "organizer").get().uri("/api/volunteer-posts/{id}/roster", post).exchange()
                                        .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                        .getResponseBody().get("confirmed").findValuesAsText("username"))
                    .containsExactly("resident"));
            // the time is held for the seat: an overlapping duty is refused, naming this post
            String overlapping = publish(web, "organizer", DAY.plusHours(1));
            as(web, "resident").post().uri("/api/volunteer-posts/{id}/signups", overlapping).exchange()
                               .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                               .expectBody().jsonPath("$.subject").isEqualTo(post);
        }
    }

    @Test
    void diedAfterTheOverlapWasRecordedAndBeforeTheHoldWasGivenBack() throws Exception {
        String morning;
        String overlapping;
        try (ConfigurableApplicationContext platform = start()) {
            WebTestClient web = awaitUp(platform);
            String organizer = account(web, "organizer", "ORGANIZER");
            morning = publish(web, organizer, DAY);
            overlapping = publish(web, organizer, DAY.plusHours(1));
            account(web, "resident", "RESIDENT");
            as(web, "resident").post().uri("/api/volunteer-posts/{id}/signups", morning).exchange()
                               .expectStatus().isCreated();
            String refused = overlapping;
            diesBefore(platform, "ReleaseDutySlotCommand", () -> signUpInBackground(web, "resident", refused));
        }

        try (ConfigurableApplicationContext platform = start()) {
            WebTestClient web = awaitUp(platform);
            as(web, "resident").delete().uri("/api/volunteer-posts/{id}/signups/me", morning).exchange()
                               .expectStatus().isNoContent();
            // neither the seat given up nor the refused request holds the time any more
            String later = publish(web, "organizer", DAY.plusHours(1).plusMinutes(30));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(web, "resident")
                    .post().uri("/api/volunteer-posts/{id}/signups", later).exchange()
                    .expectStatus().isCreated());
            assertThat(as(web, "organizer").get().uri("/api/volunteer-posts/{id}/roster", overlapping).exchange()
                                           .expectBody(JsonNode.class).returnResult().getResponseBody()
                                           .get("confirmed")).isEmpty();
        }
    }

    /**
     * Runs {@code action}; the moment the process is about to send a command named {@code step}, it "dies": that
     * command and every later one is refused before it reaches its record, and the context is closed.
     */
    private static void diesBefore(ConfigurableApplicationContext platform, String step, Runnable action)
            throws InterruptedException {
        CountDownLatch died = new CountDownLatch(1);
        platform.getBean(CommandBus.class).registerDispatchInterceptor(messages -> (index, message) -> {
            if (message.getPayloadType().getSimpleName().equals(step)) {
                died.countDown();
            }
            if (died.getCount() == 0) {
                throw new IllegalStateException("the process is dead");
            }
            return message;
        });
        action.run();
        assertThat(died.await(30, TimeUnit.SECONDS)).as("the process reached " + step).isTrue();
    }

    private static void signUpInBackground(WebTestClient web, String resident, String post) {
        CompletableFuture.runAsync(() -> as(web, resident).post().uri("/api/volunteer-posts/{id}/signups", post)
                                                          .exchange());
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlatformApplication.class)
                .properties("PLATFORM_DATA_DIR=" + data, "SERVER_PORT=0", "PLATFORM_ADMIN_USERNAME=root",
                            "PLATFORM_ADMIN_PASSWORD=" + ADMIN_PASSWORD)
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
        if (!role.equals("RESIDENT")) {
            web.mutate().defaultHeaders(headers -> headers.setBasicAuth("root", ADMIN_PASSWORD)).build()
               .post().uri("/api/admin/accounts/{u}/roles", username).contentType(MediaType.APPLICATION_JSON)
               .bodyValue(Map.of("role", role)).exchange().expectStatus().isOk();
        }
        return username;
    }

    private static String publish(WebTestClient web, String organizer, OffsetDateTime starts) {
        return as(web, organizer).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                 .bodyValue(Map.of("title", "Park clean-up", "team", "green", "location", "East Park",
                                                   "startsAt", starts.toString(),
                                                   "endsAt", starts.plusHours(2).toString(), "capacity", 5))
                                 .exchange().expectStatus().isCreated()
                                 .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }
}
