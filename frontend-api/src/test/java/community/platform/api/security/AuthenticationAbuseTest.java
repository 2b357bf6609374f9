package community.platform.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on sign-ins and registrations with their default settings, for clients at several addresses: the test
 * client stands for a proxy the platform trusts, naming each client in {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"platform.store.in-memory=true",
                              "PLATFORM_ADMIN_PASSWORD=" + AuthenticationAbuseTest.ADMIN_PASSWORD,
                              "platform.security.trusted-proxies=127.0.0.1"})
class AuthenticationAbuseTest {

    static final String ADMIN_PASSWORD = "the-admins-own-password";

    @Autowired
    private WebTestClient web;

    @Autowired
    private PasswordChecks checks;

    @Test
    void aStrangerCannotLockOutTheAdminFromAnotherAddress() {
        WebTestClient stranger = from("203.0.113.7");
        for (int i = 0; i < 5; i++) {
            signIn(stranger, "admin", "guess-" + i).expectStatus().isUnauthorized();
        }
        signIn(stranger, "admin", "guess-5").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        signIn(from("198.51.100.20"), "admin", ADMIN_PASSWORD).expectStatus().isOk();
    }

    @Test
    void guessesFromOneAddressAreLimitedWhateverTheUsername() {
        WebTestClient sprayer = from("203.0.113.8");
        for (int i = 0; i < 30; i++) {
            signIn(sprayer, "nobody-" + i, "guess").expectStatus().isUnauthorized();
        }
        signIn(sprayer, "admin", "guess").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 300L))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/login-locked");
        // the admin's correct password from there is refused too: the address, not the account, is held back
        signIn(sprayer, "admin", ADMIN_PASSWORD).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        signIn(from("198.51.100.21"), "admin", ADMIN_PASSWORD).expectStatus().isOk();
    }

    @Test
    void guessesFromAnIpv6Slash64AreLimitedTogether() {
        for (int i = 0; i < 30; i++) {
            signIn(from("2001:db8:7:7::" + Integer.toHexString(i + 1)), "nobody-" + i, "guess")
                    .expectStatus().isUnauthorized();
        }
        signIn(from("2001:db8:7:7:ffff::1"), "admin", ADMIN_PASSWORD).expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        signIn(from("2001:db8:7:8::1"), "admin", ADMIN_PASSWORD).expectStatus().isOk();
    }

    @Test
    void registrationsFromAnIpv6Slash64AreLimitedTogether() {
        for (int i = 0; i < 20; i++) {
            register(from("2001:db8:9:9::" + Integer.toHexString(i + 1)), unique()).expectStatus().isCreated();
        }
        register(from("2001:db8:9:9:1234::1"), unique()).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void tenRequestsAtOnceWithTheRightPasswordAreAllLetIn() throws Exception {
        WebTestClient office = from("203.0.113.11");
        String username = unique();
        register(office, username).expectStatus().isCreated();
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            List<Future<HttpStatusCode>> answers = callers.invokeAll(Collections.nCopies(10, () ->
                    signIn(office, username, "long-enough-password").returnResult(String.class).getStatus()));
            for (Future<HttpStatusCode> answer : answers) {
                assertThat(answer.get()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            callers.shutdown();
        }
    }

    @Test
    void whenEveryPasswordCheckIsTakenASignInIsToldToComeBackSoon() {
        WebTestClient client = from("203.0.113.12");
        String username = unique();
        register(client, username).expectStatus().isCreated();
        int taken = 0;
        try {
            while (checks.admit()) {
                taken++;
            }
            signIn(client, username, "long-enough-password")
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().valueEquals("Retry-After", "1")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/sign-in-busy");
        } finally {
            for (int i = 0; i < taken; i++) {
                checks.leave();
            }
        }
        assertThat(taken).isPositive();
        signIn(client, username, "long-enough-password").expectStatus().isOk();
    }

    @Test
    void anUnknownUsernameIsAnsweredLikeAWrongPassword() {
        WebTestClient client = from("203.0.113.10");
        String wrongPassword = signIn(client, "admin", "wrong").expectStatus().isUnauthorized()
                                                                 .expectBody(String.class).returnResult()
                                                                 .getResponseBody();
        String unknownUser = signIn(client, "nobody-at-all", "wrong").expectStatus().isUnauthorized()
                                                                      .expectBody(String.class).returnResult()
                                                                      .getResponseBody();
        assertThat(unknownUser).isEqualTo(wrongPassword);
    }

    @Test
    void registrationsAreLimitedPerAddress() {
        WebTestClient busy = from("203.0.113.9");
        for (int i = 0; i < 20; i++) {
            register(busy, unique()).expectStatus().isCreated();
        }
        String refused = unique();
        register(busy, refused).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-registrations");

        // nothing was created for the refused one: another address registers the same username
        register(from("198.51.100.22"), refused).expectStatus().isCreated();
    }

    private WebTestClient from(String address) {
        return web.mutate().responseTimeout(Duration.ofSeconds(30))
                  .defaultHeader("X-Forwarded-For", address).build();
    }

    private static WebTestClient.ResponseSpec signIn(WebTestClient client, String username, String password) {
        return client.get().uri("/api/accounts/me").headers(h -> h.setBasicAuth(username, password)).exchange();
    }

    private static WebTestClient.ResponseSpec register(WebTestClient client, String username) {
        return client.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                     .bodyValue(Map.of("username", username, "password", "long-enough-password",
                                       "displayName", "Resident " + username))
                     .exchange();
    }

    private static String unique() {
        return "resident-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
