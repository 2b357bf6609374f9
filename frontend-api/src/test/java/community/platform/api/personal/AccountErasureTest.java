package community.platform.api.personal;

import community.platform.shared.personal.ChildDataNotice;
import java.time.LocalDate;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import community.platform.ApiTest;
import community.platform.shared.volunteering.FindTeamHoursQuery;
import community.platform.shared.volunteering.TeamHours;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resident's account erased end to end: they register with a phone, volunteer and have hours recorded, ask for
 * erasure, and an ADMIN carries it out. Afterwards nothing in any collection of any database holds their phone, name
 * or reason; the log still proves itself, by its integrity check and by a seal taken before; views, rebuilt or not,
 * show the name erased; and the team's hours still count theirs.
 */
class AccountErasureTest extends ApiTest {

    private static final String PASSWORD = "erasure-password";

    @Autowired
    private MongoClient mongo;

    @Autowired
    private QueryGateway queries;

    private String publish(String organizer, String team, OffsetDateTime startsAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Erasure duty");
        body.put("team", team);
        body.put("location", "Central Square");
        body.put("startsAt", startsAt.toString());
        body.put("endsAt", startsAt.plusHours(3).toString());
        body.put("capacity", 5);
        return as(organizer, PASSWORD).post().uri("/api/volunteer-posts").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange().expectStatus().isCreated()
                                      .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asText();
    }

    private void signUpAndAttend(String organizer, String volunteer, String post, OffsetDateTime now) {
        as(volunteer, PASSWORD).post().uri("/api/volunteer-posts/{id}/signups", post).exchange()
                               .expectStatus().isCreated();
        as(organizer, PASSWORD).post().uri("/api/volunteer-posts/{id}/attendance", post)
                               .contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("username", volunteer, "checkedInAt", now.minusMinutes(50).toString(),
                                                 "checkedOutAt", now.minusMinutes(5).toString()))
                               .exchange().expectStatus().isOk();
    }

    private JsonNode get(String uri, Object... vars) {
        return asAdmin().get().uri(uri, vars).exchange().expectStatus().isOk()
                        .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode erasures() {
        return get("/api/admin/erasures");
    }

    private JsonNode erasure(String requestId) {
        for (JsonNode request : erasures()) {
            if (request.get("requestId").asText().equals(requestId)) {
                return request;
            }
        }
        throw new AssertionError("no erasure request " + requestId);
    }

    private String askForErasure(String username, String reason) {
        JsonNode asked = as(username, PASSWORD).post().uri("/api/accounts/me/erasure")
                                               .contentType(MediaType.APPLICATION_JSON)
                                               .header("Idempotency-Key", UUID.randomUUID().toString())
                                               .bodyValue(Map.of("reason", reason)).exchange()
                                               .expectStatus().isAccepted()
                                               .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(asked.get("status").asText()).isEqualTo("REQUESTED");
        return asked.get("requestId").asText();
    }

    /** Where in the store a text is found: database.collection, for every collection of every database. */
    private List<String> whereFound(String... texts) {
        List<String> found = new ArrayList<>();
        for (String database : mongo.listDatabaseNames()) {
            MongoDatabase db = mongo.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                for (Document document : db.getCollection(collection).find()) {
                    String json = document.toJson();
                    for (String text : texts) {
                        if (json.contains(text)) {
                            found.add(database + "." + collection + " holds " + text + " in " + document.get("_id"));
                        }
                    }
                }
            }
        }
        return found;
    }

    private void rebuild(String projection) {
        asAdmin().post().uri("/api/admin/projections/{name}/replay", projection).exchange()
                 .expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode processor : get("/api/admin/projections")) {
                if (processor.get("name").asText().equals(projection)) {
                    return !processor.get("replaying").asBoolean()
                            && processor.path("lastReplay").asText().startsWith("completed");
                }
            }
            return false;
        });
    }

    private String displayNameOnRoster(String organizer, String post, String volunteer) {
        JsonNode roster = as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", post).exchange()
                                                 .expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                                                 .getResponseBody();
        for (JsonNode seat : roster.get("confirmed")) {
            if (seat.get("username").asText().equals(volunteer)) {
                return seat.get("displayName").asText();
            }
        }
        throw new AssertionError(volunteer + " is not on the roster " + roster);
    }

    private long teamMinutes(String organizer, String team) {
        TeamHours hours = queries.query(new FindTeamHoursQuery(organizer), ResponseTypes.optionalInstanceOf(
                TeamHours.class)).join().orElseThrow();
        return hours.teams().stream().filter(t -> t.team().equals(team)).mapToLong(TeamHours.Team::totalMinutes)
                    .sum();
    }

    private String course(String organizer, LocalDate day) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Paper cutting " + day);
        body.put("description", "After school, from 15:30");
        body.put("instructor", "Teacher Wu");
        body.put("minGrade", 1);
        body.put("maxGrade", 6);
        body.put("capacity", 10);
        body.put("sessions", List.of(Map.of("date", day.toString(), "room", "Room 2")));
        String id = as(organizer, PASSWORD).post().uri("/api/courses").contentType(MediaType.APPLICATION_JSON)
                                           .bodyValue(body).exchange().expectStatus().isCreated()
                                           .expectBody(JsonNode.class).returnResult().getResponseBody().get("id")
                                           .asText();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", id).exchange().expectStatus().isOk();
        return id;
    }

    private String enroll(String guardian, String course, String child) {
        return as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", course)
                                     .contentType(MediaType.APPLICATION_JSON)
                                     .bodyValue(Map.of("childName", child, "childGrade", 3, "consent", true,
                                                       "consentVersion", ChildDataNotice.VERSION))
                                     .exchange().expectStatus().isCreated().expectBody(JsonNode.class)
                                     .returnResult().getResponseBody().get("enrollmentId").asText();
    }

    private List<String> guardiansEnrollments(String guardian) {
        List<String> enrollments = new ArrayList<>();
        for (JsonNode child : as(guardian, PASSWORD).get().uri("/api/children/me").exchange().expectStatus().isOk()
                                                    .expectBody(JsonNode.class).returnResult().getResponseBody()) {
            child.path("courses").forEach(place -> enrollments.add(place.path("enrollmentId").asText()));
        }
        return enrollments;
    }

    @Test
    void aGuardianAsksForAChildsErasureTheChildLeavesEveryCourseAndTheNameIsGoneOnceCarriedOut() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String child = "Xiaoming " + unique;
        String sibling = "Xiaohong " + unique;
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        String stranger = account("stranger", PASSWORD, "RESIDENT");
        LocalDate nextWeek = LocalDate.now(ZoneOffset.ofHours(8)).plusDays(8);
        String monday = course(organizer, nextWeek);
        String tuesday = course(organizer, nextWeek.plusDays(1));
        String first = enroll(guardian, monday, child);
        String second = enroll(guardian, tuesday, child);
        String kept = enroll(guardian, tuesday, sibling);
        assertThat(whereFound(child)).anySatisfy(where -> assertThat(where).contains(".courseViews "));

        as(stranger, PASSWORD).post().uri("/api/children/me/{e}/erasure", first).exchange()
                              .expectStatus().isNotFound()
                              .expectBody().jsonPath("$.type").isEqualTo("/problems/enrollment-not-found");
        JsonNode asked = as(guardian, PASSWORD).post().uri("/api/children/me/{e}/erasure", first).exchange()
                                               .expectStatus().isAccepted().expectBody(JsonNode.class).returnResult()
                                               .getResponseBody();
        String requestId = asked.get("requestId").asText();
        assertThat(asked.get("status").asText()).isEqualTo("REQUESTED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(guardiansEnrollments(guardian)).as("withdrawn from every course")
                                                                .doesNotContain(first, second).contains(kept));
        assertThat(erasure(requestId).get("subject").asText()).startsWith("the child of " + guardian);

        asAdmin().post().uri("/api/admin/erasures/{id}/approval", requestId).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(whereFound(child)).isEmpty());
        as(guardian, PASSWORD).get().uri("/api/accounts/me").exchange()
                              .expectStatus().isOk().expectBody().jsonPath("$.displayName")
                              .isEqualTo("Resident " + guardian);
        rebuild("courses");
        assertThat(whereFound(child)).isEmpty();
        assertThat(whereFound(sibling)).as("the sibling's name stays where it was shown")
                                       .anySatisfy(where -> assertThat(where).contains(".courseViews "));
        assertThat(get("/api/audit/integrity").get("verified").asBoolean()).isTrue();
    }

    @Test
    void anErasedAccountLeavesNoPlainTextAndTheLogStillProvesItself() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String displayName = "Erasable " + unique;
        String phone = "+86 139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String reason = "Moving to Hangzhou " + unique;
        String team = "erasure team " + unique;
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String keeper = account("keeper", PASSWORD, "RESIDENT");
        String resident = unique("erasable");
        web.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
           .header("Idempotency-Key", "register-" + unique)
           .bodyValue(Map.of("username", resident, "password", PASSWORD, "displayName", displayName, "phone", phone))
           .exchange().expectStatus().isCreated();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        String post = publish(organizer, team, now.plusHours(1));
        signUpAndAttend(organizer, resident, post, now);
        signUpAndAttend(organizer, keeper, post, now);
        await().atMost(Duration.ofSeconds(10)).until(() -> teamMinutes(organizer, team) == 90);
        assertThat(displayNameOnRoster(organizer, post, resident)).isEqualTo(displayName);
        // the scan sees what was kept in plain: the name on the account and in the registration's kept answer
        assertThat(whereFound(displayName)).anySatisfy(where -> assertThat(where).contains(".accountViews "))
                                           .anySatisfy(where -> assertThat(where).contains(".idempotencyKeys "));
        JsonNode sealBefore = get("/api/audit/seal");

        String requestId = askForErasure(resident, reason);
        assertThat(erasure(requestId).get("subject").asText()).isEqualTo(resident);
        assertThat(erasure(requestId).get("status").asText()).isEqualTo("REQUESTED");
        asAdmin().post().uri("/api/admin/erasures/{id}/approval", requestId).exchange()
                 .expectStatus().isOk()
                 .expectBody().json("{\"requestId\":\"" + requestId + "\",\"status\":\"DONE\"}");

        JsonNode decided = erasure(requestId);
        assertThat(decided.get("status").asText()).isEqualTo("DONE");
        assertThat(decided.get("decidedBy").asText()).isEqualTo("root");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> as(resident, PASSWORD).get().uri("/api/accounts/me").exchange().expectStatus().isUnauthorized());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(whereFound(phone, displayName, reason)).isEmpty());
        assertThat(displayNameOnRoster(organizer, post, resident)).isEqualTo("[erased]");

        assertThat(get("/api/audit/integrity").get("verified").asBoolean()).isTrue();
        assertThat(get("/api/audit/seal/verify?position={p}&digest={d}", sealBefore.get("position").asLong(),
                       sealBefore.get("digest").asText()).get("verified").asBoolean()).isTrue();
        assertThat(teamMinutes(organizer, team)).isEqualTo(90);

        rebuild("volunteer-posts");
        rebuild("accounts");
        rebuild("team-hours");
        assertThat(displayNameOnRoster(organizer, post, resident)).isEqualTo("[erased]");
        assertThat(teamMinutes(organizer, team)).isEqualTo(90);
        as(resident, PASSWORD).get().uri("/api/accounts/me").exchange().expectStatus().isUnauthorized();
        assertThat(whereFound(phone, displayName, reason)).isEmpty();
    }

    @Test
    void aRefusalKeepsItsReasonAndADecisionIsTakenOnce() {
        String resident = account("refused", PASSWORD, "RESIDENT");
        String requestId = askForErasure(resident, "please");

        asAdmin().post().uri("/api/admin/erasures/{id}/refusal", requestId).contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("reason", "hours records must be kept for five years")).exchange()
                 .expectStatus().isOk()
                 .expectBody().json("{\"requestId\":\"" + requestId + "\",\"status\":\"REFUSED\"}");

        assertThat(erasure(requestId).get("refusalReason").asText())
                .isEqualTo("hours records must be kept for five years");
        asAdmin().post().uri("/api/admin/erasures/{id}/approval", requestId).exchange()
                 .expectStatus().isEqualTo(409)
                 .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("erasure-decided"));
        as(resident, PASSWORD).get().uri("/api/accounts/me").exchange().expectStatus().isOk();
    }

    @Test
    void onlyAnAdminDecidesAndBadRequestsAreProblems() {
        String resident = account("asker", PASSWORD, "RESIDENT");
        String requestId = askForErasure(resident, "no longer living here");

        as(resident, PASSWORD).get().uri("/api/admin/erasures").exchange().expectStatus().isForbidden();
        as(resident, PASSWORD).post().uri("/api/admin/erasures/{id}/approval", requestId).exchange()
                              .expectStatus().isForbidden();
        asAdmin().post().uri("/api/admin/erasures/{id}/refusal", requestId).contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of("reason", " ")).exchange()
                 .expectStatus().isBadRequest()
                 .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        asAdmin().post().uri("/api/admin/erasures/{id}/refusal", requestId).contentType(MediaType.APPLICATION_JSON)
                 .bodyValue(Map.of()).exchange()
                 .expectStatus().isBadRequest();
        as(resident, PASSWORD).post().uri("/api/accounts/me/erasure").contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("reason", "x".repeat(501))).exchange()
                              .expectStatus().isBadRequest();
        asAdmin().post().uri("/api/admin/erasures/{id}/approval", "erasure-no-such").exchange()
                 .expectStatus().isNotFound()
                 .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("erasure-not-found"));
        assertThat(erasure(requestId).get("status").asText()).isEqualTo("REQUESTED");
    }

    @Test
    void processorsThatWriteNoViewsAreNoProjections() {
        assertThat(get("/api/admin/projections").findValuesAsText("name"))
                .contains("erasure-requests", "accounts")
                .doesNotContain("personal-data-keys", "erased-sign-ins");
        asAdmin().post().uri("/api/admin/projections/personal-data-keys/replay").exchange().expectStatus().isNotFound();
    }

    @Test
    void theErasureHandlersReadTheLogInOneSegmentEachAndCatchUp(
            @Autowired org.axonframework.eventhandling.tokenstore.TokenStore tokens) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(tokens.fetchSegments("personal-data-keys")).hasSize(1);
            assertThat(tokens.fetchSegments("erased-sign-ins")).hasSize(1);
            web.get().uri("/actuator/health").exchange().expectStatus().isOk()
               .expectBody().jsonPath("$.status").isEqualTo("UP");
        });
    }

    /** Signs in on the login page as a browser would; answers the session cookie. */
    private String signInToThePages(String username) {
        var login = web.get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
                                                              .matcher(login.getResponseBody());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        var signedIn = web.post().uri("/login").cookie("SESSION", login.getResponseCookies().getFirst("SESSION")
                                                                    .getValue())
                          .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                          .body(org.springframework.web.reactive.function.BodyInserters
                                        .fromFormData("username", username).with("password", PASSWORD)
                                        .with("_csrf", csrf.group(1)))
                          .exchange().expectStatus().is3xxRedirection().expectBody().returnResult();
        return signedIn.getResponseCookies().getFirst("SESSION").getValue();
    }

    @Test
    void anErasedAccountsPageSessionEnds() {
        String resident = account("browsing", PASSWORD, "RESIDENT");
        String session = signInToThePages(resident);
        web.get().uri("/me/hours").cookie("SESSION", session).exchange().expectStatus().isOk();
        String requestId = askForErasure(resident, "done here");

        asAdmin().post().uri("/api/admin/erasures/{id}/approval", requestId).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> web.get().uri("/me/hours").cookie("SESSION", session).exchange()
                         .expectStatus().is3xxRedirection().expectHeader().location("/login"));
    }
}
