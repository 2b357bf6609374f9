package community.platform.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.reactivestreams.client.MongoDatabase;
import community.platform.ApiTest;
import community.platform.api.accounts.RegistrationRequest;
import community.platform.shared.personal.ChildDataNotice;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyTest extends ApiTest {

    private static final String PASSWORD = "idempotent-password";
    private static final OffsetDateTime NEXT_MONTH = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(30)
                                                                   .withHour(9).withMinute(0).withSecond(0)
                                                                   .withNano(0);

    @Autowired
    private EventStore events;

    @Autowired
    private MongoDatabase platformViewDatabase;

    @Autowired
    private ObjectMapper json;

    @Autowired
    private IdempotencyKeys keys;

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

    @Test
    void idempotencyDigestHoldsNoPassword() throws Exception {
        String username = unique("careful");
        String password = "a-password-nobody-may-keep";
        String key = UUID.randomUUID().toString();
        post(key, Map.of("username", username, "password", password, "displayName", "C")).spec()
                .expectStatus().isCreated();

        Document stored = Mono.from(platformViewDatabase.getCollection(IdempotencyKeys.COLLECTION)
                                                        .find(regex("_id", Pattern.quote(key) + "$")).first())
                              .block(Duration.ofSeconds(10));
        assertThat(stored).isNotNull();
        String everything = stored.toJson();
        assertThat(everything).doesNotContain(password)
                              .doesNotContain(sha256(password))
                              .doesNotContain(sha256(json.writeValueAsString(
                                      new RegistrationRequest(username, password, "C", null))));
        // the digest leaves the password out, keeps everything else, and is keyed: no plain SHA-256 of the rest
        String digest = stored.getString("requestMac");
        JsonNode sent = json.valueToTree(Map.of("username", username, "password", password, "displayName", "C"));
        JsonNode otherPassword = json.valueToTree(Map.of("username", username, "password", "x", "displayName", "C"));
        JsonNode otherName = json.valueToTree(Map.of("username", username, "password", password, "displayName", "D"));
        assertThat(keys.digest("POST /api/accounts", json.writeValueAsBytes(sent))).isEqualTo(digest);
        assertThat(keys.digest("POST /api/accounts", json.writeValueAsBytes(otherPassword))).isEqualTo(digest);
        assertThat(keys.digest("POST /api/accounts", json.writeValueAsBytes(otherName))).isNotEqualTo(digest);
        assertThat(everything).doesNotContain(sha256("{\"displayName\":\"C\",\"username\":\"" + username + "\"}"));
    }

    @Test
    void aKeyWhoseRequestWasAbandonedCanBeRetried() {
        String username = unique("impatient");
        String key = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("username", username, "password", "long-enough", "displayName", "I");

        // the client gives up (and closes its connection) while the request is still being worked on
        WebTestClient impatient = web.mutate().responseTimeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> impatient.post().uri("/api/accounts").contentType(MediaType.APPLICATION_JSON)
                                          .header("Idempotency-Key", key).header(SlowRequestsTestFilter.HEADER, "1500")
                                          .bodyValue(body).exchange())
                .isInstanceOf(IllegalStateException.class);

        post(key, body).spec().expectStatus().isCreated().expectHeader().location("/api/accounts/" + username);
        assertThat(events.readEvents(username).asStream().count()).isEqualTo(1);
    }

    @Test
    void aClaimLeftPendingByAStoppedInstanceIsTakenOverAfterItsLease() {
        String caller = unique("caller");
        String key = UUID.randomUUID().toString();
        String digest = keys.digest("POST /api/test", new byte[0]);
        IdempotencyKeys.Claim first = keys.claim(caller, key, digest).block(Duration.ofSeconds(10));
        // the instance that claimed it stopped (kill -9): nothing settles the key and nothing renews its claim
        Mono.from(platformViewDatabase.getCollection(IdempotencyKeys.COLLECTION).updateOne(
                eq("_id", first.id()), set("claimedAt", Date.from(Instant.now().minus(Duration.ofMinutes(2))))))
            .block(Duration.ofSeconds(10));

        IdempotencyKeys.Claim retry = keys.claim(caller, key, digest).block(Duration.ofSeconds(10));

        assertThat(retry.answered()).isEmpty();
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.seed()).isEqualTo(first.seed());
    }

    @Test
    void aTakenOverRequestWhoseCreateHadLandedCreatesNothingNew() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String key = UUID.randomUUID().toString();
        String title = "Clean-up " + key;
        Map<String, Object> body = new java.util.HashMap<>(postBody(3));
        body.put("title", title);
        WebTestClient client = as(organizer, PASSWORD);
        client.post().uri("/api/volunteer-posts").header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
              .bodyValue(body).exchange().expectStatus().isCreated();
        // as if the instance stopped after the post landed and before the answer was kept
        Mono.from(platformViewDatabase.getCollection(IdempotencyKeys.COLLECTION).updateOne(
                regex("_id", Pattern.quote(key) + "$"),
                combine(set("state", "PENDING"), set("claimedAt", Date.from(Instant.now().minus(Duration.ofMinutes(2)))),
                        unset("status"), unset("location"), unset("body")))).block(Duration.ofSeconds(10));

        client.post().uri("/api/volunteer-posts").header("Idempotency-Key", key)
              .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody().returnResult();

        client.get().uri("/api/volunteer-posts").exchange().expectStatus().isOk().expectBody()
              .jsonPath("$[?(@.title == '%s')].id", title)
              .value(ids -> assertThat((List<?>) ids).hasSize(1));
    }

    @Test
    void publishingWithTheSameIdempotencyKeyCreatesOnePost() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        JsonNode post = twice(as(organizer, PASSWORD), "/api/volunteer-posts", postBody(2), HttpStatus.CREATED);
        assertThat(events.readEvents(post.get("id").asText()).asStream().count()).isEqualTo(1);
    }

    @Test
    void signUpWithTheSameIdempotencyKeyCreatesOneSignUp() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("volunteer", PASSWORD, "RESIDENT");
        String postId = created(as(organizer, PASSWORD), "/api/volunteer-posts", postBody(2));

        twice(as(resident, PASSWORD), "/api/volunteer-posts/" + postId + "/signups", null, HttpStatus.CREATED);

        as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", postId).exchange()
                               .expectStatus().isOk().expectBody().jsonPath("$.confirmed.length()").isEqualTo(1);
    }

    @Test
    void twoIdenticalSignUpsAtOnceWithOneKeyCreateOneSignUp() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("eager", PASSWORD, "RESIDENT");
        String postId = created(as(organizer, PASSWORD), "/api/volunteer-posts", postBody(5));
        String key = UUID.randomUUID().toString();
        WebTestClient client = as(resident, PASSWORD);

        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<EntityExchangeResult<String>> answers;
        try {
            answers = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(
                    () -> client.post().uri("/api/volunteer-posts/{id}/signups", postId).header("Idempotency-Key", key)
                                .exchange().expectBody(String.class).returnResult(), callers)).toList()
                               .stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdown();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getStatus()).isEqualTo(HttpStatus.CREATED));
        assertThat(answers.get(0).getResponseBody()).isEqualTo(answers.get(1).getResponseBody());
        as(organizer, PASSWORD).get().uri("/api/volunteer-posts/{id}/roster", postId).exchange()
                               .expectBody().jsonPath("$.confirmed.length()").isEqualTo(1)
                               .jsonPath("$.waitlist.length()").isEqualTo(0);
        assertThat(events.readEvents(postId).asStream().count()).isEqualTo(2);
    }

    @Test
    void festivalRegistrationAndEntryWithTheSameIdempotencyKeyHappenOnce() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String resident = account("poet", PASSWORD, "RESIDENT");
        Map<String, Object> competition = Map.of("title", "春联大赛", "kind", "COMPETITION",
                                                 "venue", unique("文化中心"), "startsAt", NEXT_MONTH.toString(),
                                                 "endsAt", NEXT_MONTH.plusHours(3).toString(), "capacity", 10,
                                                 "description", "马年春联");
        JsonNode event = twice(as(organizer, PASSWORD), "/api/festival-events", competition, HttpStatus.CREATED);
        String eventId = event.get("id").asText();

        twice(as(resident, PASSWORD), "/api/festival-events/" + eventId + "/registrations", null, HttpStatus.CREATED);
        twice(as(resident, PASSWORD), "/api/festival-events/" + eventId + "/entries",
              Map.of("upperLine", "春风得意马蹄疾", "lowerLine", "一日看尽长安花", "horizontalScroll", "春满人间"),
              HttpStatus.CREATED);

        as(resident, PASSWORD).get().uri("/api/festival-events/{id}", eventId).exchange()
                              .expectBody().jsonPath("$.registered").isEqualTo(1);
        // scheduling, a registration and an entry: nothing twice
        assertThat(events.readEvents(eventId).asStream().count()).isEqualTo(3);
    }

    @Test
    void enrollmentAndFeedbackWithTheSameIdempotencyKeyHappenOnce() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        LocalDate nextWeek = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);
        Map<String, Object> course = Map.of("title", "剪纸", "instructor", "Teacher Wu", "minGrade", 2,
                                            "maxGrade", 4, "capacity", 5,
                                            "sessions", List.of(Map.of("date", nextWeek.toString(), "room", "2")));
        String courseId = twice(as(organizer, PASSWORD), "/api/courses", course, HttpStatus.CREATED)
                .get("id").asText();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", courseId).exchange()
                               .expectStatus().isOk();

        String enrollment = twice(as(guardian, PASSWORD), "/api/courses/" + courseId + "/enrollments",
                                  Map.of("childName", "李小明", "childGrade", 3, "consent", true,
                                         "consentVersion", ChildDataNotice.VERSION), HttpStatus.CREATED)
                .get("enrollmentId").asText();
        as(organizer, PASSWORD).get().uri("/api/courses/{id}/roster", courseId).exchange()
                               .expectBody().jsonPath("$.enrolled.length()").isEqualTo(1);

        Clock realClock = GenericEventMessage.clock;
        try {
            GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(30));
            as(organizer, PASSWORD).put().uri("/api/courses/{id}/sessions/1/attendance", courseId)
                                   .contentType(MediaType.APPLICATION_JSON)
                                   .bodyValue(Map.of("present", List.of(enrollment))).exchange()
                                   .expectStatus().isOk();
            twice(as(guardian, PASSWORD), "/api/courses/" + courseId + "/feedback",
                  Map.of("rating", 5, "comment", "很好"), HttpStatus.CREATED);
        } finally {
            GenericEventMessage.clock = realClock;
        }
        as(guardian, PASSWORD).get().uri("/api/courses/{id}/feedback", courseId).exchange()
                              .expectBody().jsonPath("$.count").isEqualTo(1);
    }

    @Test
    void anEnrollmentKeyReusedForAnotherChildIs422AndEnrollsNobody() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String guardian = account("guardian", PASSWORD, "RESIDENT");
        LocalDate nextWeek = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);
        String courseId = created(as(organizer, PASSWORD), "/api/courses", Map.of(
                "title", "书法", "instructor", "Teacher Li", "minGrade", 1, "maxGrade", 6, "capacity", 5,
                "sessions", List.of(Map.of("date", nextWeek.toString(), "room", "3"))));
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", courseId).exchange()
                               .expectStatus().isOk();
        String key = UUID.randomUUID().toString();
        as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", courseId).header("Idempotency-Key", key)
                              .contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("childName", "王小红", "childGrade", 2, "consent", true,
                                                "consentVersion", ChildDataNotice.VERSION)).exchange()
                              .expectStatus().isCreated();

        as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", courseId).header("Idempotency-Key", key)
                              .contentType(MediaType.APPLICATION_JSON)
                              .bodyValue(Map.of("childName", "王小刚", "childGrade", 4, "consent", true,
                                                "consentVersion", ChildDataNotice.VERSION)).exchange()
                              .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                              .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                              .expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused");
        as(organizer, PASSWORD).get().uri("/api/courses/{id}/roster", courseId).exchange()
                               .expectBody().jsonPath("$.enrolled.length()").isEqualTo(1);
    }

    /**
     * Sends one request twice with one key: both answers must have {@code status} and the same body (and the same
     * {@code Location}). Answers the body.
     */
    private JsonNode twice(WebTestClient client, String uri, Object body, HttpStatus status) {
        String key = UUID.randomUUID().toString();
        List<EntityExchangeResult<byte[]>> answers = IntStream.range(0, 2).mapToObj(i -> {
            WebTestClient.RequestBodySpec request = client.post().uri(uri).header("Idempotency-Key", key);
            return (body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body))
                    .exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        }).toList();
        assertThat(new String(answers.get(1).getResponseBodyContent(), StandardCharsets.UTF_8))
                .isEqualTo(new String(answers.get(0).getResponseBodyContent(), StandardCharsets.UTF_8));
        assertThat(answers.get(1).getResponseHeaders().getLocation())
                .isEqualTo(answers.get(0).getResponseHeaders().getLocation());
        try {
            return json.readTree(answers.get(0).getResponseBodyContent());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String created(WebTestClient client, String uri, Object body) {
        return client.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                     .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                     .get("id").asText();
    }

    private static Map<String, Object> postBody(int capacity) {
        return Map.of("title", "Park clean-up", "team", "environment", "location", "Riverside Park",
                      "description", "Bags and gloves provided", "startsAt", NEXT_MONTH.toString(),
                      "endsAt", NEXT_MONTH.plusHours(3).toString(), "capacity", capacity);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                     .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private record WebTestClientCall(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
    }
}
