package community.platform.api.security;

import community.platform.ApiTest;
import community.platform.shared.personal.ChildDataNotice;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Every endpoint against every role, and against a caller who is not signed in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionsTest extends ApiTest {

    enum Caller { ANONYMOUS, RESIDENT, ORGANIZER, AUDITOR, ADMIN }

    private static final String PASSWORD = "permission-table";
    private final Map<Caller, String> usernames = new EnumMap<>(Caller.class);
    private String target;
    private String post;
    private String festivalEvent;
    private String course;
    private String quietCourse;

    @BeforeAll
    void callers() {
        for (Caller caller : List.of(Caller.RESIDENT, Caller.ORGANIZER, Caller.AUDITOR, Caller.ADMIN)) {
            usernames.put(caller, account(caller.name().toLowerCase(), PASSWORD, caller.name()));
        }
        target = account("target", PASSWORD, "RESIDENT");
        post = as(usernames.get(Caller.ORGANIZER), PASSWORD).post().uri("/api/volunteer-posts")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(POST.replace("{title}", "Permission table duty"))
                .exchange().expectStatus().isCreated()
                .expectBody(com.fasterxml.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        festivalEvent = as(usernames.get(Caller.ORGANIZER), PASSWORD).post().uri("/api/festival-events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(FESTIVAL.replace("{venue}", "Permission Hall " + UUID.randomUUID()))
                .exchange().expectStatus().isCreated()
                .expectBody(com.fasterxml.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        course = publishedCourse();
        quietCourse = publishedCourse();
    }

    private String publishedCourse() {
        String id = as(usernames.get(Caller.ORGANIZER), PASSWORD).post().uri("/api/courses")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(COURSE)
                .exchange().expectStatus().isCreated()
                .expectBody(com.fasterxml.jackson.databind.JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        as(usernames.get(Caller.ORGANIZER), PASSWORD).post().uri("/api/courses/{id}/publication", id).exchange()
                .expectStatus().isOk();
        return id;
    }

    private static final String COURSE_DAY = java.time.LocalDate.now().plusDays(15).toString();
    private static final String COURSE = "{\"title\":\"Paper cutting\",\"instructor\":\"Wu\",\"minGrade\":1,"
            + "\"maxGrade\":6,\"capacity\":60,\"sessions\":[{\"date\":\"" + COURSE_DAY + "\",\"room\":\"2\"}]}";

    private static final String FESTIVAL = "{\"title\":\"Competition\",\"kind\":\"COMPETITION\","
            + "\"venue\":\"{venue}\",\"startsAt\":\"" + java.time.OffsetDateTime.now().plusDays(12).withNano(0)
            + "\",\"endsAt\":\"" + java.time.OffsetDateTime.now().plusDays(12).plusHours(2).withNano(0)
            + "\",\"capacity\":10}";
    private static final String START = java.time.OffsetDateTime.now().plusDays(10).withNano(0).toString();
    private static final String END = java.time.OffsetDateTime.now().plusDays(10).plusHours(2).withNano(0).toString();
    private static final String POST = "{\"title\":\"{title}\",\"team\":\"green\",\"location\":\"East Park\","
            + "\"startsAt\":\"" + START + "\",\"endsAt\":\"" + END + "\",\"capacity\":5}";

    /** method, path, body, then the expected status for anonymous, resident, organizer, auditor, admin. */
    Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        row(rows, "GET", "/api/accounts/me", null, 401, 200, 200, 200, 200);
        row(rows, "POST", "/api/accounts", "{\"username\":\"new-{n}\",\"password\":\"long-enough\","
                + "\"displayName\":\"New\"}", 201, 201, 201, 201, 201);
        row(rows, "POST", "/api/admin/accounts/{target}/roles", "{\"role\":\"AUDITOR\"}", 401, 403, 403, 403, 200);
        row(rows, "DELETE", "/api/admin/accounts/{target}/roles/RESIDENT", null, 401, 403, 403, 403, 200);
        row(rows, "GET", "/api/ping", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/public/ping", null, 200, 200, 200, 200, 200);
        row(rows, "GET", "/actuator/health", null, 200, 200, 200, 200, 200);
        row(rows, "GET", "/api/volunteer-posts", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/volunteer-posts/{post}", null, 401, 200, 200, 200, 200);
        row(rows, "POST", "/api/volunteer-posts", POST, 401, 403, 201, 403, 403);
        row(rows, "GET", "/api/volunteer-posts/{post}/roster", null, 401, 403, 200, 200, 403);
        row(rows, "POST", "/api/volunteer-posts/{post}/signups", null, 401, 201, 201, 201, 201);
        row(rows, "DELETE", "/api/volunteer-posts/{post}/signups/me", null, 401, 204, 204, 204, 204);
        row(rows, "PUT", "/api/volunteer-posts/{post}/schedule",
            "{\"startsAt\":\"" + START + "\",\"endsAt\":\"" + END + "\"}", 401, 403, 200, 403, 403);
        row(rows, "POST", "/api/volunteer-posts/{post}/cancellation", "{\"reason\":\"rain\"}",
            401, 403, 200, 403, 403);
        row(rows, "POST", "/api/volunteer-posts/{post}/attendance",
            "{\"username\":\"nobody\",\"checkedInAt\":\"" + START + "\",\"checkedOutAt\":\"" + END + "\"}",
            401, 403, 409, 403, 403);
        row(rows, "POST", "/api/volunteer-posts/{post}/check-ins", "{\"username\":\"nobody\"}",
            401, 403, 409, 403, 403);
        row(rows, "GET", "/api/volunteers/me/hours", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/volunteers/me/calendar.ics", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/volunteer-posts/{post}/stream", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/notifications/me", null, 401, 200, 200, 200, 200);
        row(rows, "POST", "/api/notifications/no-such-notice/read", null, 401, 404, 404, 404, 404);
        row(rows, "GET", "/api/festival-events", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/festival-events/{event}", null, 401, 200, 200, 200, 200);
        row(rows, "POST", "/api/festival-events", FESTIVAL.replace("{venue}", "Other Hall {n}"),
            401, 403, 201, 403, 403);
        row(rows, "PUT", "/api/festival-events/{event}/schedule",
            "{\"startsAt\":\"" + START + "\",\"endsAt\":\"" + END + "\"}", 401, 403, 200, 403, 403);
        row(rows, "POST", "/api/festival-events/{event}/registrations", null, 401, 201, 201, 201, 201);
        row(rows, "DELETE", "/api/festival-events/{event}/registrations/me", null, 401, 204, 204, 204, 204);
        row(rows, "POST", "/api/festival-events/{event}/entries",
            "{\"upperLine\":\"春风得意马蹄疾\",\"lowerLine\":\"一日看尽长安花\",\"horizontalScroll\":\"春满人间\"}",
            401, 409, 409, 409, 409);
        row(rows, "POST", "/api/festival-events/{event}/entries/no-entry/scores",
            "{\"judge\":\"Wu\",\"score\":90}", 401, 403, 404, 403, 403);
        row(rows, "GET", "/api/festival-events/{event}/results", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/venues/Permission Hall/calendar", null, 401, 403, 200, 403, 403);
        row(rows, "POST", "/api/festival-events/{event}/cancellation", "{\"reason\":\"rain\"}",
            401, 403, 200, 403, 403);
        row(rows, "GET", "/api/courses", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/courses/{course}", null, 401, 200, 200, 200, 200);
        row(rows, "POST", "/api/courses", COURSE, 401, 403, 201, 403, 403);
        row(rows, "POST", "/api/courses/{course}/publication", null, 401, 403, 200, 403, 403);
        row(rows, "PUT", "/api/courses/{course}/sessions/1",
            "{\"date\":\"" + java.time.LocalDate.now().plusDays(16) + "\"}", 401, 403, 200, 403, 403);
        row(rows, "POST", "/api/courses/{course}/enrollments",
            "{\"childName\":\"Child {n}\",\"childGrade\":3,\"consent\":true,\"consentVersion\":\""
                    + ChildDataNotice.VERSION + "\"}",
            401, 201, 201, 201, 201);
        row(rows, "DELETE", "/api/courses/{course}/enrollments/no-such-enrollment", null, 401, 404, 404, 404, 404);
        row(rows, "GET", "/api/courses/{course}/roster", null, 401, 403, 200, 200, 403);
        row(rows, "PUT", "/api/courses/{course}/sessions/1/attendance", "{\"present\":[]}", 401, 403, 409, 403, 403);
        row(rows, "GET", "/api/courses/{course}/attendance", null, 401, 403, 200, 200, 403);
        row(rows, "POST", "/api/courses/{course}/feedback", "{\"rating\":5}", 401, 403, 403, 403, 403);
        row(rows, "GET", "/api/courses/{course}/feedback", null, 401, 200, 200, 200, 200);
        row(rows, "POST", "/api/courses/{course}/completion", null, 401, 403, 409, 403, 403);
        row(rows, "GET", "/api/courses/{quiet}/completions", null, 401, 403, 200, 200, 403);
        row(rows, "POST", "/api/courses/{course}/sessions/1/cancellation", "{\"reason\":\"holiday\"}",
            401, 403, 200, 403, 403);
        row(rows, "GET", "/api/children/me", null, 401, 200, 200, 200, 200);
        row(rows, "GET", "/api/audit/streams/{post}/events", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/streams/{post}/state", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/events?type=RoleGrantedEvent", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/events?type=RoleGrantedEvent&format=csv", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/integrity", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/seal", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/seal/verify?position=0&digest=00", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/explain/waitlist?postId={post}&username=nobody", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/audit/corrections", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/admin/projections", null, 401, 403, 403, 200, 200);
        row(rows, "GET", "/api/admin/projections/venue-calendar/diff", null, 401, 403, 403, 200, 200);
        row(rows, "POST", "/api/admin/projections/no-such-processor/replay", null, 401, 403, 403, 403, 404);
        row(rows, "GET", "/api/admin/projections/venue-calendar/dead-letters", null, 401, 403, 403, 200, 200);
        row(rows, "POST", "/api/admin/projections/no-such-processor/dead-letters/retry", null, 401, 403, 403, 403,
            404);
        row(rows, "GET", "/actuator/prometheus", null, 401, 403, 403, 200, 200);
        return rows.stream();
    }

    private static void row(List<Arguments> rows, String method, String path, String body, int... statuses) {
        Caller[] callers = Caller.values();
        for (int i = 0; i < callers.length; i++) {
            rows.add(Arguments.of(method, path, body, callers[i], statuses[i]));
        }
    }

    @ParameterizedTest(name = "{0} {1} as {3} -> {4}")
    @MethodSource("table")
    void eachCallerGetsTheStatusTheRulesGive(String method, String path, String body, Caller caller, int status) {
        WebTestClient client = caller == Caller.ANONYMOUS ? web : as(usernames.get(caller), PASSWORD);
        String uri = path.replace("{target}", target).replace("{post}", post).replace("{event}", festivalEvent)
                          .replace("{course}", course).replace("{quiet}", quietCourse);
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(method)).uri(uri);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                   .bodyValue(body.replace("{n}", UUID.randomUUID().toString().substring(0, 8))
                                  .replace("{title}", "Another duty"));
        }
        Flux<byte[]> answer = request.exchange().expectStatus().isEqualTo(status).returnResult(byte[].class)
                                     .getResponseBody();
        // Read to its end (a live stream to its first event), so that no response is left open nor its buffers held.
        (path.endsWith("/stream") ? answer.take(1) : answer).blockLast(Duration.ofSeconds(10));
    }
}
