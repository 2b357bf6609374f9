package community.platform.api.courses;

import com.fasterxml.jackson.databind.JsonNode;
import community.platform.ApiTest;
import community.platform.shared.personal.ChildDataNotice;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sunshine 330 courses over HTTP. Sessions are in the coming weeks; to take attendance and complete a course the test
 * moves the platform's clock (Axon's event clock, which every rule reads) past them, and puts it back afterwards.
 */
class CoursesApiTest extends ApiTest {

    private static final String PASSWORD = "course-password";
    private static final LocalDate NEXT_WEEK = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);

    private Clock realClock;

    @BeforeEach
    void rememberClock() {
        realClock = GenericEventMessage.clock;
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = realClock;
    }

    private static void afterTheTerm() {
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.ofDays(90));
    }

    private static Map<String, Object> course(String title, int minGrade, int maxGrade, int capacity,
                                              LocalDate firstDay, int sessions) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "After school, from 15:30");
        body.put("instructor", "Teacher Wu");
        body.put("minGrade", minGrade);
        body.put("maxGrade", maxGrade);
        body.put("capacity", capacity);
        body.put("sessions", IntStream.range(0, sessions).mapToObj(
                i -> Map.of("date", firstDay.plusDays(7L * i).toString(), "room", "Room 2")).toList());
        return body;
    }

    private WebTestClient.ResponseSpec create(String organizer, Map<String, Object> body) {
        return as(organizer, PASSWORD).post().uri("/api/courses").contentType(MediaType.APPLICATION_JSON)
                                      .bodyValue(body).exchange();
    }

    /** Creates and publishes a course; answers its id. */
    private String published(String organizer, Map<String, Object> body) {
        String id = create(organizer, body).expectStatus().isCreated().expectBody(JsonNode.class).returnResult()
                                           .getResponseBody().get("id").asText();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/publication", id).exchange()
                               .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OPEN");
        return id;
    }

    private WebTestClient.ResponseSpec enroll(String guardian, String courseId, String child, int grade) {
        return as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", courseId)
                                     .contentType(MediaType.APPLICATION_JSON)
                                     .bodyValue(Map.of("childName", child, "childGrade", grade, "consent", true,
                                                       "consentVersion", ChildDataNotice.VERSION)).exchange();
    }

    private WebTestClient.ResponseSpec enrollWith(String guardian, String courseId, Map<String, Object> body) {
        return as(guardian, PASSWORD).post().uri("/api/courses/{id}/enrollments", courseId)
                                     .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private JsonNode enrolled(String guardian, String courseId, String child, int grade) {
        return enroll(guardian, courseId, child, grade).expectStatus().isCreated().expectBody(JsonNode.class)
                                                       .returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec mark(String organizer, String courseId, int session, Map<String, Object> marks) {
        return as(organizer, PASSWORD).put().uri("/api/courses/{id}/sessions/{n}/attendance", courseId, session)
                                      .contentType(MediaType.APPLICATION_JSON).bodyValue(marks).exchange();
    }

    private JsonNode get(String user, String uri, Object... vars) {
        return as(user, PASSWORD).get().uri(uri, vars).exchange().expectStatus().isOk().expectBody(JsonNode.class)
                                 .returnResult().getResponseBody();
    }

    @Test
    void aWholeTermFromCreationToCompletions() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String wang = account("wang", PASSWORD, "RESIDENT");
        String zhao = account("zhao", PASSWORD, "RESIDENT");
        String auditor = account("auditor", PASSWORD, "AUDITOR");

        // create (draft, not in the catalogue), publish
        String id = published(organizer, course("Paper cutting 剪纸", 2, 4, 2, NEXT_WEEK, 5));
        JsonNode details = get(lihua, "/api/courses/{id}", id);
        assertThat(details.get("sessions")).hasSize(5);
        assertThat(details.at("/sessions/0/startTime").asText()).isEqualTo("15:30");
        assertThat(details.at("/sessions/0/endTime").asText()).isEqualTo("17:00");
        assertThat(details.at("/sessions/0/date").asText()).isEqualTo(NEXT_WEEK.toString());

        // three enrollments on capacity two: the third waits
        String xiaoming = enrolled(lihua, id, "Li Xiaoming", 3).get("enrollmentId").asText();
        JsonNode second = enrolled(wang, id, "Wang Xiaohong", 2);
        JsonNode third = enrolled(zhao, id, "Zhao Xiaogang", 4);
        assertThat(second.get("status").asText()).isEqualTo("ENROLLED");
        assertThat(third.get("status").asText()).isEqualTo("WAITLISTED");
        assertThat(third.get("waitlistPosition").asInt()).isEqualTo(1);
        String xiaogang = third.get("enrollmentId").asText();
        JsonNode full = get(lihua, "/api/courses/{id}", id);
        assertThat(full.get("enrolled").asInt()).isEqualTo(2);
        assertThat(full.get("waitlisted").asInt()).isEqualTo(1);
        assertThat(full.get("status").asText()).isEqualTo("FULL");

        // one withdrawal: the waiting child moves up
        as(wang, PASSWORD).delete().uri("/api/courses/{id}/enrollments/{e}", id, second.get("enrollmentId").asText())
                          .exchange().expectStatus().isNoContent();
        JsonNode roster = get(organizer, "/api/courses/{id}/roster", id);
        assertThat(roster.get("enrolled")).extracting(e -> e.get("enrollmentId").asText())
                                          .containsExactly(xiaoming, xiaogang);
        assertThat(roster.get("waitlist")).isEmpty();

        // an auditor can see why the third child waited and then moved up
        JsonNode why = get(auditor, "/api/audit/explain/waitlist?courseId={id}&username={u}", id, zhao);
        assertThat(why.get("decisions")).extracting(d -> d.get("type").asText())
                                        .containsExactly("ChildWaitlistedEvent", "EnrollmentPromotedEvent");
        assertThat(why.at("/decisions/1/because").asText()).contains("EnrollmentWithdrawnEvent", wang);

        // attendance for every session, with one correction
        afterTheTerm();
        for (int session = 1; session <= 5; session++) {
            Map<String, Object> marks = session == 2
                    ? Map.of("absent", List.of(xiaoming), "present", List.of(xiaogang))
                    : session == 4 ? Map.of("present", List.of(xiaoming), "absent", List.of(xiaogang))
                    : session == 5 ? Map.of("present", List.of(xiaoming), "excused", List.of(xiaogang))
                    : Map.of("present", List.of(xiaoming, xiaogang));
            mark(organizer, id, session, marks).expectStatus().isOk();
        }
        mark(organizer, id, 2, Map.of("present", List.of(xiaoming), "reason", "came in late, marked wrongly"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.marks." + xiaoming).isEqualTo("PRESENT")
                             .jsonPath("$.marks." + xiaogang).isEqualTo("PRESENT");
        JsonNode corrections = get(auditor, "/api/audit/corrections");
        List<JsonNode> ours = new ArrayList<>();
        corrections.forEach(c -> {
            if (id.equals(c.get("streamId").asText())) {
                ours.add(c);
            }
        });
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0).at("/payload/replaced").asText()).isEqualTo("ABSENT");
        assertThat(ours.get(0).at("/payload/reason").asText()).isEqualTo("came in late, marked wrongly");
        assertThat(ours.get(0).get("actor").asText()).isEqualTo(organizer);
        JsonNode sheet = get(auditor, "/api/courses/{id}/attendance", id);
        assertThat(sheet.get("rows")).hasSize(2);
        assertThat(sheet.at("/rows/0/marks/2").asText()).isEqualTo("PRESENT");
        assertThat(sheet.at("/rows/0/attended").asInt()).isEqualTo(5);
        assertThat(sheet.at("/rows/1/marks/5").asText()).isEqualTo("EXCUSED");
        assertThat(sheet.at("/rows/1/attended").asInt()).isEqualTo(3);
        // children's names: on the organizer's own sheet, masked on an auditor's
        assertThat(get(organizer, "/api/courses/{id}/attendance", id).findValuesAsText("childName"))
                .doesNotContain("[masked]").contains("Zhao Xiaogang");
        assertThat(sheet.findValuesAsText("childName")).containsOnly("[masked]");
        assertThat(get(auditor, "/api/courses/{id}/roster", id).findValuesAsText("childName")).containsOnly("[masked]");

        // feedback: from guardians whose child attended, once
        as(lihua, PASSWORD).post().uri("/api/courses/{id}/feedback", id).contentType(MediaType.APPLICATION_JSON)
                           .bodyValue(Map.of("rating", 5, "comment", "很好")).exchange()
                           .expectStatus().isCreated().expectBody().jsonPath("$.enrollmentId").isEqualTo(xiaoming);
        as(zhao, PASSWORD).post().uri("/api/courses/{id}/feedback", id).contentType(MediaType.APPLICATION_JSON)
                          .bodyValue(Map.of("rating", 4)).exchange().expectStatus().isCreated();
        as(lihua, PASSWORD).post().uri("/api/courses/{id}/feedback", id).contentType(MediaType.APPLICATION_JSON)
                           .bodyValue(Map.of("rating", 1)).exchange()
                           .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                           .expectBody().jsonPath("$.type").isEqualTo("/problems/feedback-already-given");
        as(wang, PASSWORD).post().uri("/api/courses/{id}/feedback", id).contentType(MediaType.APPLICATION_JSON)
                          .bodyValue(Map.of("rating", 1)).exchange()
                          .expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                          .expectBody().jsonPath("$.type").isEqualTo("/problems/feedback-not-allowed");
        JsonNode summary = get(wang, "/api/courses/{id}/feedback", id);
        assertThat(summary.get("average").asDouble()).isEqualTo(4.5);
        assertThat(summary.get("count").asInt()).isEqualTo(2);
        assertThat(summary.has("comments")).isFalse();

        // completion, and completions by the 80% rule: 5 of 5 completes, 3 of 5 does not
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/completion", id).exchange()
                               .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");
        JsonNode completions = get(organizer, "/api/courses/{id}/completions", id);
        assertThat(completions).hasSize(2);
        assertThat(completions.get(0).get("enrollmentId").asText()).isEqualTo(xiaoming);
        assertThat(completions.get(0).get("attended").asInt()).isEqualTo(5);
        assertThat(completions.get(0).get("held").asInt()).isEqualTo(5);
        assertThat(completions.get(0).get("completed").asBoolean()).isTrue();
        assertThat(completions.get(1).get("childName").asText()).isEqualTo("Zhao Xiaogang");
        assertThat(completions.get(1).get("attended").asInt()).isEqualTo(3);
        assertThat(completions.get(1).get("completed").asBoolean()).isFalse();
        assertThat(get(auditor, "/api/courses/{id}/completions", id).findValuesAsText("childName"))
                .containsOnly("[masked]");
        assertThat(get(auditor, "/api/courses/{id}/feedback", id).findValuesAsText("comment"))
                .containsOnly("[masked]");
        assertThat(get(organizer, "/api/courses/{id}/feedback", id).findValuesAsText("comment")).contains("很好");

        // each guardian reads their own child's record
        JsonNode own = get(lihua, "/api/courses/{id}/completions", id);
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("enrollmentId").asText()).isEqualTo(xiaoming);
        JsonNode children = get(lihua, "/api/children/me");
        assertThat(children).hasSize(1);
        assertThat(children.at("/0/childName").asText()).isEqualTo("Li Xiaoming");
        assertThat(children.at("/0/courses/0/courseId").asText()).isEqualTo(id);
        assertThat(children.at("/0/courses/0/completed").asBoolean()).isTrue();
        assertThat(children.at("/0/courses/0/attended").asInt()).isEqualTo(5);
        as(wang, PASSWORD).get().uri("/api/courses/{id}/completions", id).exchange()
                          .expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void sixGuardiansPressEnrollAtOnceForOneSeat() throws Exception {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String id = published(organizer, course("Science games", 1, 6, 1, NEXT_WEEK, 2));
        List<String> guardians = IntStream.range(0, 6).mapToObj(i -> account("guardian", PASSWORD, "RESIDENT"))
                                          .toList();
        ExecutorService callers = Executors.newFixedThreadPool(guardians.size());
        List<Callable<JsonNode>> presses = guardians.stream().<Callable<JsonNode>>map(
                g -> () -> enrolled(g, id, "Child of " + g, 3)).toList();
        List<String> statuses = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (Future<JsonNode> answer : callers.invokeAll(presses)) {
            JsonNode body = answer.get();
            statuses.add(body.get("status").asText());
            if (body.has("waitlistPosition")) {
                positions.add(body.get("waitlistPosition").asInt());
            }
        }
        callers.shutdown();

        assertThat(statuses).filteredOn("ENROLLED"::equals).hasSize(1);
        assertThat(positions).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        JsonNode roster = get(organizer, "/api/courses/{id}/roster", id);
        assertThat(roster.get("enrolled")).hasSize(1);
        assertThat(roster.get("waitlist")).extracting(w -> w.get("position").asInt()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aGuardianPressingEnrollTwiceAtOnceGetsOneEnrollmentAndKeepsTheChildsTimeHeld() throws Exception {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String id = published(organizer, course("Paper cutting", 1, 6, 10, NEXT_WEEK, 2));
        String overlapping = published(organizer, course("Calligraphy", 1, 6, 10, NEXT_WEEK, 1));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<Callable<Integer>> presses = List.of(
                () -> enroll(lihua, id, "Li Xiaoming", 3).returnResult(JsonNode.class).getStatus().value(),
                () -> enroll(lihua, id, "Li Xiaoming", 3).returnResult(JsonNode.class).getStatus().value());
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : callers.invokeAll(presses)) {
            statuses.add(answer.get());
        }
        callers.shutdown();

        assertThat(statuses).containsExactlyInAnyOrder(201, 409);
        assertThat(get(lihua, "/api/courses/{id}", id).get("enrolled").asInt()).isEqualTo(1);
        enroll(lihua, overlapping, "Li Xiaoming", 3).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/overlapping-enrollment");
    }

    @Test
    void aChildCannotHoldTwoCoursesWhoseSessionsOverlapButAnotherChildCan() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String first = published(organizer, course("Calligraphy 书法", 1, 6, 10, NEXT_WEEK, 3));
        String second = published(organizer, course("Homework help", 1, 6, 10, NEXT_WEEK.plusDays(14), 2));

        enrolled(lihua, first, "Li Xiaoming", 3);
        enroll(lihua, second, " li xiaoming ", 3)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/overlapping-enrollment")
                             .jsonPath("$.subject").isEqualTo(first);
        enrolled(lihua, second, "Li Xiaoli", 3);

        // once withdrawn from the first, the child's time is free again
        String xiaoming = get(organizer, "/api/courses/{id}/roster", first).at("/enrolled/0/enrollmentId").asText();
        as(lihua, PASSWORD).delete().uri("/api/courses/{id}/enrollments/{e}", first, xiaoming).exchange()
                           .expectStatus().isNoContent();
        enrolled(lihua, second, "Li Xiaoming", 3);
    }

    @Test
    void enrollmentRulesAnswerWithProblemsAndChangeNothing() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String wang = account("wang", PASSWORD, "RESIDENT");
        String draft = create(organizer, course("Paper cutting", 2, 4, 2, NEXT_WEEK, 2))
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("id").asText();
        enroll(lihua, draft, "Li Xiaoming", 3).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                                              .expectBody().jsonPath("$.type").isEqualTo("/problems/course-not-open");
        as(lihua, PASSWORD).get().uri("/api/courses").exchange().expectStatus().isOk()
                           .expectBody().jsonPath("$[?(@.id == '" + draft + "')]").doesNotExist();

        String id = published(organizer, course("Paper cutting", 2, 4, 2, NEXT_WEEK, 2));
        enroll(lihua, id, "Li Xiaoming", 5).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                                           .expectBody().jsonPath("$.type").isEqualTo("/problems/grade-out-of-range");
        String xiaoming = enrolled(lihua, id, "Li Xiaoming", 3).get("enrollmentId").asText();
        enroll(lihua, id, "LI XIAOMING", 3).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                                           .expectBody().jsonPath("$.type").isEqualTo("/problems/already-enrolled");
        as(wang, PASSWORD).delete().uri("/api/courses/{id}/enrollments/{e}", id, xiaoming).exchange()
                          .expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                          .expectBody().jsonPath("$.type").isEqualTo("/problems/not-the-guardian");
        enroll(lihua, "course-missing", "Li Xiaoming", 3).expectStatus().isNotFound();
        JsonNode after = get(lihua, "/api/courses/{id}", id);
        assertThat(after.get("enrolled").asInt()).isEqualTo(1);
        assertThat(after.get("waitlisted").asInt()).isZero();
    }

    @Test
    void theCatalogueFiltersByGradeAndOpenSeatsAndRefusesWhatIsNoFilter() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String full = published(organizer, course("Go for beginners", 1, 2, 1, NEXT_WEEK, 2));
        String open = published(organizer, course("Model rockets", 4, 6, 2, NEXT_WEEK, 2));
        enrolled(lihua, full, "Li Xiaoming", 1);

        // a list may be served from this instance's read cache until it has read the enrollment's events
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ids(lihua, "/api/courses?grade=1")).contains(full).doesNotContain(open);
            assertThat(ids(lihua, "/api/courses?grade=5&openSeats=true")).contains(open).doesNotContain(full);
            assertThat(ids(lihua, "/api/courses?openSeats=true")).contains(open).doesNotContain(full);
        });
        assertThat(ids(lihua, "/api/courses?neighbourhood={n}", "{\"$ne\": null}")).isEmpty();
        assertThat(ids(lihua, "/api/courses?neighbourhood={n}", ".*")).isEmpty();

        for (String bad : List.of("/api/courses?grade=abc", "/api/courses?grade=1e3", "/api/courses?openSeats=maybe")) {
            as(lihua, PASSWORD).get().uri(bad).exchange().expectStatus().isBadRequest()
                               .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                               .expectBody().jsonPath("$.detail").isNotEmpty();
        }
        as(lihua, PASSWORD).get().uri("/api/courses/{id}", "{\"$ne\": null}").exchange().expectStatus().isNotFound();
    }

    private List<String> ids(String user, String uri, Object... vars) {
        List<String> ids = new ArrayList<>();
        get(user, uri, vars).forEach(course -> ids.add(course.get("id").asText()));
        return ids;
    }

    @Test
    void aChildIsEnrolledOnlyWithTheGuardiansConsentToTheCurrentNotice() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String id = published(organizer, course("Paper cutting", 2, 4, 2, NEXT_WEEK, 2));

        for (Map<String, Object> withoutConsent : List.<Map<String, Object>>of(
                Map.of("childName", "Li Xiaoming", "childGrade", 3),
                Map.of("childName", "Li Xiaoming", "childGrade", 3, "consent", false,
                       "consentVersion", ChildDataNotice.VERSION))) {
            enrollWith(lihua, id, withoutConsent).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/consent-required");
        }
        enrollWith(lihua, id, Map.of("childName", "Li Xiaoming", "childGrade", 3, "consent", true,
                                     "consentVersion", "2020-01"))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/consent-required")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("2020-01")
                                                                                  .contains(ChildDataNotice.VERSION));
        enrollWith(lihua, id, Map.of("childName", "Li Xiaoming", "childGrade", 3, "consent", true))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/consent-required");
        assertThat(get(lihua, "/api/courses/{id}", id).get("enrolled").asInt()).isZero();

        enrolled(lihua, id, "Li Xiaoming", 3);
        assertThat(get(lihua, "/api/courses/{id}", id).get("enrolled").asInt()).isOne();
    }

    @Test
    void theNoticeAGuardianConsentsToIsReadWithoutSigningIn() {
        JsonNode notice = web.get().uri("/api/privacy/notice").exchange().expectStatus().isOk()
                             .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(notice.get("version").asText()).isEqualTo(ChildDataNotice.VERSION);
        assertThat(notice.get("zh").asText()).contains("姓名", "年级", "考勤", "反馈", "阳光330", "组织者", "12 个月",
                                                      "删除", "监护人");
        assertThat(notice.get("en").asText()).contains("name", "grade", "attendance", "feedback", "Sunshine 330",
                                                      "organizer", "masked", "12 months", "erased", "guardian");
    }

    @Test
    void invalidCoursesAreRefusedFieldByFieldOrByRule() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        Map<String, Object> noTitle = course(" ", 2, 4, 2, NEXT_WEEK, 1);
        create(organizer, noTitle).expectStatus().isBadRequest()
                                  .expectBody().jsonPath("$.errors[0].field").isEqualTo("title");
        create(organizer, course("Paper cutting", 5, 3, 2, NEXT_WEEK, 1))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-grade-range");
        create(organizer, course("Paper cutting", 2, 4, 61, NEXT_WEEK, 1)).expectStatus().isBadRequest();
        create(organizer, course("Paper cutting", 2, 4, 2, NEXT_WEEK, 41)).expectStatus().isBadRequest();
        Map<String, Object> clash = course("Paper cutting", 2, 4, 2, NEXT_WEEK, 1);
        clash.put("sessions", List.of(Map.of("date", NEXT_WEEK.toString(), "room", "Room 2"),
                                      Map.of("date", NEXT_WEEK.toString(), "startTime", "16:30", "endTime", "18:00",
                                             "room", "Room 3")));
        create(organizer, clash).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                                .expectBody().jsonPath("$.type").isEqualTo("/problems/overlapping-sessions");
    }

    @Test
    void attendanceCountsOnlyEnrolledChildrenAndStartedSessions() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String other = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String id = published(organizer, course("Calligraphy", 1, 6, 1, NEXT_WEEK, 2));
        String xiaoming = enrolled(lihua, id, "Li Xiaoming", 3).get("enrollmentId").asText();
        String waiting = enrolled(lihua, id, "Li Xiaoli", 3).get("enrollmentId").asText();

        mark(organizer, id, 1, Map.of("present", List.of(xiaoming))).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/session-not-started");
        afterTheTerm();
        mark(organizer, id, 1, Map.of("present", List.of(xiaoming, waiting)))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/not-enrolled")
                             .jsonPath("$.subject").isEqualTo(waiting);
        mark(organizer, id, 1, Map.of("present", List.of(xiaoming), "absent", List.of(xiaoming)))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        mark(organizer, id, 9, Map.of("present", List.of(xiaoming))).expectStatus().isNotFound();
        mark(other, id, 1, Map.of("present", List.of(xiaoming))).expectStatus().isForbidden();
        as(other, PASSWORD).get().uri("/api/courses/{id}/attendance", id).exchange().expectStatus().isForbidden();
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/completion", id).exchange().expectStatus().isOk();
        mark(organizer, id, 1, Map.of("present", List.of(xiaoming))).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/course-not-open");

        JsonNode sheet = get(organizer, "/api/courses/{id}/attendance", id);
        assertThat(sheet.at("/rows/0/marks").size()).isZero();
    }

    @Test
    void guardiansAreToldWhenASessionMovesOrIsCancelled() {
        String organizer = account("organizer", PASSWORD, "ORGANIZER");
        String lihua = account("lihua", PASSWORD, "RESIDENT");
        String id = published(organizer, course("Homework help", 1, 6, 5, NEXT_WEEK, 3));
        enrolled(lihua, id, "Li Xiaoming", 3);

        as(organizer, PASSWORD).put().uri("/api/courses/{id}/sessions/2", id).contentType(MediaType.APPLICATION_JSON)
                               .bodyValue(Map.of("date", NEXT_WEEK.plusDays(8).toString(), "startTime", "16:00",
                                                 "endTime", "17:30", "reason", "sports day"))
                               .exchange().expectStatus().isOk()
                               .expectBody().jsonPath("$.sessions[1].startTime").isEqualTo("16:00")
                                            .jsonPath("$.sessions[1].room").isEqualTo("Room 2");
        as(organizer, PASSWORD).post().uri("/api/courses/{id}/sessions/3/cancellation", id)
                               .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "holiday"))
                               .exchange().expectStatus().isOk()
                               .expectBody().jsonPath("$.sessions[2].status").isEqualTo("CANCELLED");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode notices = get(lihua, "/api/notifications/me");
            assertThat(notices.findValuesAsText("subject")).contains(
                    "Rescheduled: Homework help, session 2");
            assertThat(notices.findValuesAsText("subject")).anyMatch(s -> s.startsWith("Cancelled: Homework help"));
        });
    }
}
