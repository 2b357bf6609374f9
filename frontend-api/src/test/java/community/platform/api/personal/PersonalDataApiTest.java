package community.platform.api.personal;

import community.platform.shared.personal.ChildDataNotice;
import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/accounts/me/data}: two residents share every post, event and course, and each one's copy holds all
 * of their own records and none of the other's.
 */
class PersonalDataApiTest extends ApiTest {

    private static final String PASSWORD = "my-data-password";
    private static final OffsetDateTime SUNDAY = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)
                                                               .withHour(8).withMinute(0).withSecond(0).withNano(0);

    private Clock realClock;

    @BeforeEach
    void rememberClock() {
        realClock = GenericEventMessage.clock;
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = realClock;
    }

    private String resident(String prefix, String displayName, String phone) {
        String username = unique(prefix);
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .bodyValue(Map.of("username", username, "password", PASSWORD, "displayName", displayName, "phone", phone))
           .exchange().expectStatus().isCreated();
        return username;
    }

    private JsonNode created(String user, String uri, Map<String, Object> body, Object... vars) {
        return as(user, PASSWORD).post().uri(uri, vars).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                                 .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                                 .getResponseBody();
    }

    private String post(String organizer, String title, OffsetDateTime startsAt) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "description", "At the square",
                                                        "team", "green", "location", "Central Square",
                                                        "startsAt", startsAt.toString(),
                                                        "endsAt", startsAt.plusHours(3).toString(), "capacity", 1));
        return created(organizer, "/api/volunteer-posts", body).get("id").asText();
    }

    private JsonNode signUp(String resident, String postId) {
        return created(resident, "/api/volunteer-posts/{id}/signups", Map.of(), postId);
    }

    private JsonNode data(String user) {
        return as(user, PASSWORD).get().uri("/api/accounts/me/data").exchange().expectStatus().isOk()
                                 .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The copy once it shows what is expected: some views (notices) follow the others by a moment. */
    private JsonNode dataOnce(String user, Predicate<JsonNode> expected) throws InterruptedException {
        JsonNode data = data(user);
        for (int tries = 0; tries < 100 && !expected.test(data); tries++) {
            Thread.sleep(200);
            data = data(user);
        }
        return data;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    @Test
    void eachResidentsCopyHoldsEverySectionOfTheirOwnAndNothingOfAnothers() throws Exception {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = resident("lihua", "李华", "138 0000 1111");
        String wang = resident("wang", "王芳", "139 2222 3333");

        // volunteering: a seat with hours, a seat won from the queue, a place in a queue; wang beside her on each
        String seated = post(organizer, "Square duty", SUNDAY);
        String promoted = post(organizer, "Library duty", SUNDAY.plusDays(1));
        String queued = post(organizer, "Clinic duty", SUNDAY.plusDays(2));
        signUp(lihua, seated);
        assertThat(signUp(wang, seated).get("waitlistPosition").asInt()).isEqualTo(1);
        signUp(wang, promoted);
        signUp(lihua, promoted);
        as(wang, PASSWORD).delete().uri("/api/volunteer-posts/{id}/signups/me", promoted).exchange()
                          .expectStatus().isNoContent();
        signUp(wang, queued);
        assertThat(signUp(lihua, queued).get("waitlistPosition").asInt()).isEqualTo(1);

        // the festival: both registered in one competition, each with an entry
        String competition = created(organizer, "/api/festival-events", Map.of(
                "title", "Couplet competition", "kind", "COMPETITION", "venue", unique("Hall"),
                "startsAt", SUNDAY.plusDays(3).toString(), "endsAt", SUNDAY.plusDays(3).plusHours(3).toString(),
                "capacity", 10, "description", "Bring a brush")).get("id").asText();
        created(lihua, "/api/festival-events/{id}/registrations", Map.of(), competition);
        created(wang, "/api/festival-events/{id}/registrations", Map.of(), competition);
        String lihuasEntry = created(lihua, "/api/festival-events/{id}/entries", Map.of(
                "upperLine", "春回大地千山秀", "lowerLine", "福满人间万户欢", "horizontalScroll", "万象更新"),
                competition).get("entryId").asText();
        created(wang, "/api/festival-events/{id}/entries", Map.of(
                "upperLine", "一帆风顺年年好", "lowerLine", "万事如意步步高", "horizontalScroll", "吉星高照"), competition);

        // a course with both children in it
        String course = created(organizer, "/api/courses", Map.of(
                "title", "Paper cutting", "description", "After school", "instructor", "Teacher Wu",
                "minGrade", 1, "maxGrade", 6, "capacity", 5,
                "sessions", List.of(Map.of("date", SUNDAY.toLocalDate().plusDays(1).toString(), "room", "201"))))
                .get("id").asText();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", course).exchange().expectStatus().isOk();
        String xiaoming = created(lihua, "/api/courses/{id}/enrollments",
                                  Map.of("childName", "李小明", "childGrade", 3, "consent", true,
                                         "consentVersion", ChildDataNotice.VERSION), course).get("enrollmentId").asText();
        String xiaohong = created(wang, "/api/courses/{id}/enrollments",
                                  Map.of("childName", "王小红", "childGrade", 2, "consent", true,
                                         "consentVersion", ChildDataNotice.VERSION), course).get("enrollmentId").asText();

        // after the duties and the session: hours, one corrected; the children marked; feedback from both
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(30));
        for (String[] times : List.of(new String[]{"PT0H", "PT2H"}, new String[]{"PT0H", "PT3H"})) {
            as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", seated)
                                   .contentType(MediaType.APPLICATION_JSON)
                                   .bodyValue(Map.of("username", lihua,
                                                     "checkedInAt", SUNDAY.plus(Duration.parse(times[0])).toString(),
                                                     "checkedOutAt", SUNDAY.plus(Duration.parse(times[1])).toString(),
                                                     "reason", "stayed to tidy up"))
                                   .exchange().expectStatus().isOk();
        }
        as(organizer, PASSWORD).put().uri("/api/courses/{id}/sessions/1/attendance", course)
                               .contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("present", List.of(xiaoming), "absent", List.of(xiaohong)))
                               .exchange().expectStatus().isOk();
        created(lihua, "/api/courses/{id}/feedback", Map.of("rating", 5, "comment", "孩子很喜欢"), course);

        JsonNode mine = dataOnce(lihua, data -> data.path("notices").size() > 0);

        assertThat(mine.at("/account/username").asText()).isEqualTo(lihua);
        assertThat(mine.at("/account/displayName").asText()).isEqualTo("李华");
        assertThat(mine.at("/account/phone").asText()).isEqualTo("138 0000 1111");
        assertThat(mine.at("/account/roles")).hasSize(1);
        assertThat(mine.at("/account/roles/0").asText()).isEqualTo("RESIDENT");
        assertThat(mine.at("/account/registeredAt").asText()).endsWith("+08:00");

        assertThat(texts(mine.get("signUps"), "postId")).containsExactly(seated, promoted, queued);
        assertThat(texts(mine.get("signUps"), "status")).containsExactly("CONFIRMED", "CONFIRMED", "WAITLISTED");
        assertThat(mine.at("/signUps/2/waitlistPosition").asInt()).isEqualTo(1);
        assertThat(mine.at("/signUps/0/waitlistPosition").isNull()).isTrue();
        assertThat(mine.at("/signUps/0/signedUpAt").asText()).isNotBlank();

        assertThat(mine.get("hours")).hasSize(1);
        JsonNode hours = mine.at("/hours/0");
        assertThat(hours.get("postId").asText()).isEqualTo(seated);
        assertThat(OffsetDateTime.parse(hours.get("checkedInAt").asText())).isEqualTo(SUNDAY);
        assertThat(OffsetDateTime.parse(hours.get("checkedOutAt").asText())).isEqualTo(SUNDAY.plusHours(3));
        assertThat(hours.get("minutes").asLong()).isEqualTo(180);
        assertThat(hours.get("corrections")).hasSize(1);
        assertThat(hours.at("/corrections/0/minutes").asLong()).isEqualTo(180);
        assertThat(hours.at("/corrections/0/replacedMinutes").asLong()).isEqualTo(120);
        assertThat(hours.at("/corrections/0/reason").asText()).isEqualTo("stayed to tidy up");

        assertThat(texts(mine.get("registrations"), "eventId")).containsExactly(competition);
        assertThat(mine.at("/registrations/0/status").asText()).isEqualTo("REGISTERED");
        assertThat(texts(mine.get("entries"), "entryId")).containsExactly(lihuasEntry);
        assertThat(mine.at("/entries/0/upperLine").asText()).isEqualTo("春回大地千山秀");

        assertThat(texts(mine.get("enrollments"), "enrollmentId")).containsExactly(xiaoming);
        assertThat(mine.at("/enrollments/0/childName").asText()).isEqualTo("李小明");
        assertThat(mine.at("/enrollments/0/childGrade").asInt()).isEqualTo(3);
        assertThat(mine.at("/enrollments/0/status").asText()).isEqualTo("ENROLLED");
        assertThat(texts(mine.get("attendance"), "enrollmentId")).containsExactly(xiaoming);
        assertThat(mine.at("/attendance/0/session").asInt()).isEqualTo(1);
        assertThat(mine.at("/attendance/0/mark").asText()).isEqualTo("PRESENT");
        assertThat(texts(mine.get("feedback"), "comment")).containsExactly("孩子很喜欢");
        assertThat(mine.at("/feedback/0/rating").asInt()).isEqualTo(5);

        assertThat(mine.get("notices")).isNotEmpty();
        assertThat(texts(mine.get("notices"), "subject")).allMatch(subject -> !subject.isBlank());
        assertThat(texts(mine.get("consents"), "enrollmentId")).containsExactly(xiaoming);
        assertThat(mine.at("/consents/0/courseId").asText()).isEqualTo(course);
        assertThat(mine.at("/consents/0/childName").asText()).isEqualTo("李小明");
        assertThat(mine.at("/consents/0/version").asText()).isEqualTo(ChildDataNotice.VERSION);
        assertThat(mine.at("/consents/0/givenAt").asText()).endsWith("+08:00");
        assertThat(mine.at("/consents/0/withdrawnAt").isNull()).isTrue();

        String whole = mine.toString();
        assertThat(whole).doesNotContain(wang, "王芳", "139 2222 3333", "王小红", xiaohong, "一帆风顺年年好");

        JsonNode hers = data(wang);
        assertThat(hers.at("/account/phone").asText()).isEqualTo("139 2222 3333");
        assertThat(texts(hers.get("signUps"), "postId")).containsExactly(seated, queued);
        assertThat(hers.at("/signUps/0/waitlistPosition").asInt()).isEqualTo(1);
        assertThat(hers.get("hours")).isEmpty();
        assertThat(texts(hers.get("attendance"), "mark")).containsExactly("ABSENT");
        assertThat(hers.get("feedback")).isEmpty();
        assertThat(hers.toString()).doesNotContain(lihua, "李华", "138 0000 1111", "李小明", xiaoming,
                                                   "春回大地千山秀", "孩子很喜欢");
    }

    @Test
    void aCallerWhoIsNotSignedInIsRefused() {
        web.get().uri("/api/accounts/me/data").exchange().expectStatus().isUnauthorized();
    }
}
