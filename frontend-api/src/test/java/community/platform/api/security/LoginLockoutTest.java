package community.platform.api.security;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class LoginLockoutTest extends ApiTest {

    @Test
    void fiveWrongPasswordsLockTheUsernameEvenForTheRightOne() {
        String username = account("guessed", "the-right-password", "RESIDENT");
        for (int i = 0; i < 5; i++) {
            as(username, "guess-" + i).get().uri("/api/accounts/me").exchange().expectStatus().isUnauthorized();
        }

        as(username, "the-right-password").get().uri("/api/accounts/me").exchange()
                                           .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                                           .expectHeader().value("Retry-After", retryAfter ->
                                                   assertThat(Long.parseLong(retryAfter)).isBetween(1L, 300L))
                                           .expectBody().jsonPath("$.type").isEqualTo("/problems/login-locked");
    }

    @Test
    void unknownUsernamesAreLockedAlikeSoTheAnswerTellsNothing() {
        String nobody = unique("nobody");
        for (int i = 0; i < 5; i++) {
            as(nobody, "guess-" + i).get().uri("/api/accounts/me").exchange().expectStatus().isUnauthorized();
        }
        as(nobody, "guess-6").get().uri("/api/accounts/me").exchange()
                             .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aSuccessfulLoginClearsEarlierFailures() {
        String username = account("forgetful", "the-right-password", "RESIDENT");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                as(username, "wrong-" + i).get().uri("/api/accounts/me").exchange().expectStatus().isUnauthorized();
            }
            as(username, "the-right-password").get().uri("/api/accounts/me").exchange().expectStatus().isOk();
        }
    }
}
