package community.platform.api.web;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.util.Map;

/** Every error class is an RFC 7807 problem with a stable type and a human detail. */
class ProblemResponsesTest extends ApiTest {

    @Test
    void notSignedInIs401WithAChallenge() {
        web.get().uri("/api/accounts/me").exchange()
           .expectStatus().isUnauthorized()
           .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
           .expectHeader().valueEquals("WWW-Authenticate", "Basic realm=\"community-platform\"")
           .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated")
           .jsonPath("$.status").isEqualTo(401)
           .jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void aWrongPasswordIs401() {
        as("root", "not-the-password").get().uri("/api/accounts/me").exchange()
                                      .expectStatus().isUnauthorized()
                                      .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
    }

    @Test
    void notAllowedIs403() {
        String resident = account("plain", "long-enough-pw", "RESIDENT");
        as(resident, "long-enough-pw").post().uri("/api/admin/accounts/root/roles")
                                      .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("role", "ADMIN"))
                                      .exchange()
                                      .expectStatus().isForbidden()
                                      .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                      .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
    }

    @Test
    void anUnknownPathIs404() {
        asAdmin().get().uri("/api/no-such-thing").exchange()
                 .expectStatus().isNotFound()
                 .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                 .expectBody().jsonPath("$.type").isEqualTo("/problems/not-found")
                 .jsonPath("$.detail").isEqualTo("Nothing is at /api/no-such-thing");
    }

    @Test
    void aWrongMethodIs405NamingTheAllowedOnes() {
        asAdmin().put().uri("/api/accounts/me").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                 .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                 .expectHeader().valueEquals("Allow", "GET")
                 .expectBody().jsonPath("$.type").isEqualTo("/problems/method-not-allowed");
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        web.post().uri("/api/accounts").contentType(MediaType.TEXT_PLAIN).bodyValue("username=x").exchange()
           .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
           .expectBody().jsonPath("$.type").isEqualTo("/problems/unsupported-media-type");
    }

    @Test
    void malformedJsonIs400() {
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\": ").exchange()
           .expectStatus().isBadRequest()
           .expectBody().jsonPath("$.type").isEqualTo("/problems/malformed-request");
    }

    @Test
    void invalidFieldsAreAllListed() {
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", "x", "password", "short", "phone", "call me"))
           .exchange()
           .expectStatus().isBadRequest()
           .expectBody()
           .jsonPath("$.type").isEqualTo("/problems/validation")
           .jsonPath("$.errors.length()").isEqualTo(4)
           .jsonPath("$.errors[0].field").isEqualTo("displayName")
           .jsonPath("$.errors[1].field").isEqualTo("password")
           .jsonPath("$.errors[2].field").isEqualTo("phone")
           .jsonPath("$.errors[3].field").isEqualTo("username")
           .jsonPath("$.errors[3].message").isNotEmpty();
    }

    @Test
    void aBodyOver64KbIs413() {
        String huge = "{\"username\":\"big\",\"password\":\"" + "x".repeat(70 * 1024) + "\",\"displayName\":\"B\"}";
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
           .expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE)
           .expectBody().jsonPath("$.type").isEqualTo("/problems/payload-too-large");
    }

    @Test
    void aFailureInsideAHandlerIs500WithoutInternals() {
        asAdmin().get().uri("/api/test-only/failure").header("X-Request-Id", "req-500").exchange()
                 .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                 .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                 .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                         .contains("/problems/internal-error", "req-500")
                         .doesNotContain("secret", "IllegalStateException", "at community."));
    }
}
