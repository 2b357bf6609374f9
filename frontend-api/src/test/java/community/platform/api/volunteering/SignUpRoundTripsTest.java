package community.platform.api.volunteering;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API puts on the buses for one sign-up: the request, and one subscription that the query side answers with
 * the decision. The commands the duties process sends on the command side are not the API's and are left out.
 */
class SignUpRoundTripsTest extends ApiTest {

    private static final String PASSWORD = "round-trips-password";

    @Autowired
    private CommandBus commandBus;
    @Autowired
    private QueryBus queryBus;

    @Test
    void aSignUpMakesAtMostThreeRoundTripsFromTheApi() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("resident", PASSWORD, "RESIDENT");
        String postId = publish(organizer);
        // a first request signs the resident in, which reads their account once and keeps it
        as(resident, PASSWORD).get().uri("/api/accounts/me").exchange().expectStatus().isOk();

        List<Object> dispatched = Collections.synchronizedList(new ArrayList<>());
        Registration commands = commandBus.registerDispatchInterceptor(counting(dispatched));
        Registration queries = queryBus.registerDispatchInterceptor(counting(dispatched));
        JsonNode answer;
        try {
            answer = as(resident, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", postId).exchange()
                                           .expectStatus().isCreated()
                                           .expectBody(JsonNode.class).returnResult().getResponseBody();
        } finally {
            commands.cancel();
            queries.cancel();
        }

        assertThat(answer.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(dispatched).extracting(payload -> payload.getClass().getSimpleName())
                              .containsExactly("SignUpVolunteerCommand", "FindSignUpDecisionQuery")
                              .hasSizeLessThanOrEqualTo(3);
    }

    /** Counts what the API dispatches: not what the duties process sends, from threads of its own. */
    private static <M extends org.axonframework.messaging.Message<?>> MessageDispatchInterceptor<M> counting(
            List<Object> dispatched) {
        return messages -> (index, message) -> {
            if (!Thread.currentThread().getName().startsWith("process-step")) {
                dispatched.add(message.getPayload());
            }
            return message;
        };
    }

    private String publish(String organizer) {
        OffsetDateTime starts = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(9).withHour(9).withMinute(0)
                                              .withSecond(0).withNano(0);
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(Map.of("title", "Library shelving", "team", "culture",
                                                        "location", "Street library", "startsAt", starts.toString(),
                                                        "endsAt", starts.plusHours(2).toString(), "capacity", 3))
                                      .exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }
}
