package community.platform.api.web;

import community.platform.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

class OpenApiTest extends ApiTest {

    @Test
    void theApiDescribesItself() {
        docs(web).expectBody()
           .jsonPath("$.paths['/api/accounts'].post").exists()
           .jsonPath("$.paths['/api/admin/accounts/{username}/roles'].post").exists();
    }

    /** Every method and path of docs/api.md, as clients rely on them: renamed or dropped, this fails. */
    private static final List<String> CONTRACT = List.of(
            "DELETE /api/courses/{id}/enrollments/{enrollmentId}",
            "DELETE /api/festival-events/{id}/registrations/me",
            "DELETE /api/volunteer-posts/{id}/signups/me",
            "GET /api/accounts/me",
            "GET /api/accounts/me/data",
            "GET /api/admin/erasures",
            "GET /api/admin/projections",
            "GET /api/admin/projections/{name}/diff",
            "GET /api/audit/corrections",
            "GET /api/audit/events",
            "GET /api/audit/explain/waitlist",
            "GET /api/audit/integrity",
            "GET /api/audit/seal",
            "GET /api/audit/seal/verify",
            "GET /api/audit/streams/{id}/events",
            "GET /api/audit/streams/{id}/state",
            "GET /api/children/me",
            "GET /api/courses",
            "GET /api/courses/{id}",
            "GET /api/courses/{id}/attendance",
            "GET /api/courses/{id}/completions",
            "GET /api/festival-events",
            "GET /api/festival-events/{id}",
            "GET /api/festival-events/{id}/results",
            "GET /api/notifications/me",
            "GET /api/privacy/notice",
            "GET /api/venues/{venue}/calendar",
            "GET /api/volunteer-posts",
            "GET /api/volunteer-posts/{id}",
            "GET /api/volunteer-posts/{id}/roster",
            "GET /api/volunteer-posts/{id}/stream",
            "GET /api/volunteers/me/calendar.ics",
            "GET /api/volunteers/me/hours",
            "POST /api/accounts",
            "POST /api/accounts/me/erasure",
            "POST /api/admin/accounts/{username}/roles",
            "POST /api/admin/erasures/{requestId}/approval",
            "POST /api/admin/erasures/{requestId}/refusal",
            "POST /api/admin/projections/{name}/replay",
            "POST /api/children/me/{enrollmentId}/erasure",
            "POST /api/courses",
            "POST /api/courses/{id}/completion",
            "POST /api/courses/{id}/enrollments",
            "POST /api/courses/{id}/feedback",
            "POST /api/courses/{id}/publication",
            "POST /api/festival-events",
            "POST /api/festival-events/{id}/cancellation",
            "POST /api/festival-events/{id}/entries",
            "POST /api/festival-events/{id}/entries/{entryId}/scores",
            "POST /api/festival-events/{id}/registrations",
            "POST /api/notifications/{id}/read",
            "POST /api/volunteer-posts",
            "POST /api/volunteer-posts/{id}/attendance",
            "POST /api/volunteer-posts/{id}/cancellation",
            "POST /api/volunteer-posts/{id}/signups",
            "PUT /api/courses/{id}/sessions/{sessionNo}/attendance",
            "PUT /api/festival-events/{id}/schedule",
            "PUT /api/volunteer-posts/{id}/schedule");

    @Test
    void everyPathOfTheContractIsServedAndDescribed() {
        WebTestClient.BodyContentSpec docs = docs(web).expectBody();
        for (String entry : CONTRACT) {
            String[] methodAndPath = entry.split(" ");
            docs.jsonPath("$.paths['" + methodAndPath[1] + "']." + methodAndPath[0].toLowerCase()).exists();
        }
    }

    @Test
    void everyCreatingPostDescribesTheIdempotencyKey() {
        WebTestClient.BodyContentSpec docs = docs(web).expectBody();
        for (String path : IdempotentRequests.CREATING_PATHS) {
            docs.jsonPath("$.paths['" + path + "'].post.parameters[?(@.name == 'Idempotency-Key')].in")
                .isEqualTo(List.of("header"));
        }
    }

    /** The description, read with room for more than the 64 KB a request body may have. */
    static WebTestClient.ResponseSpec docs(WebTestClient web) {
        return web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024)).build()
                  .get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    }

    @Test
    void aBrowsableUiIsServed() {
        web.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }
}
