package community.platform.api.web;

import community.platform.ApiTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest extends ApiTest {

    @Autowired
    private EventStore events;

    private WebTestClientCall post(String key, Map<String, String> body) {
        return new WebTestClientCall(web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                                        .header("Idempotency-Key", key).bodyValue(body).exchange());
    }

    @Test
    void theSameKeyAndBodyGetTheFirstAnswerAndCreateNothingNew() {
        String username = unique("retrying");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("username", username, "password", "long-enough", "displayName", "R");

        String first = post(key, body).spec().expectStatus().isCreated()
                                      .expectHeader().location("/api/accounts/" + username)
                                      .expectBody(String.class).returnResult().getResponseBody();
        String second = post(key, body).spec().expectStatus().isCreated()
                                       .expectHeader().location("/api/accounts/" + username)
                                       .expectBody(String.class).returnResult().getResponseBody();

        assertThat(second).isEqualTo(first);
        assertThat(events.readEvents(username).asStream().count()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        post(key, Map.of("username", unique("first"), "password", "long-enough", "displayName", "F"))
                .spec().expectStatus().isCreated();

        post(key, Map.of("username", unique("second"), "password", "long-enough", "displayName", "S"))
                .spec().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused");
    }

    @Test
    void aFailedRequestReleasesItsKeySoItCanBeRetried() {
        String taken = account("taken", "long-enough", "RESIDENT");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("username", taken, "password", "long-enough", "displayName", "T");

        post(key, body).spec().expectStatus().isEqualTo(HttpStatus.CONFLICT);
        post(key, body).spec().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                       .expectBody().jsonPath("$.type").isEqualTo("/problems/username-taken");
    }

    private record WebTestClientCall(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
    }
}
