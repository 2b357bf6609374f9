package community.platform.query.courses;

import community.platform.query.EmbeddedMongo;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.AttendanceMarkedEvent;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CourseFeedbackGivenEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseStatus;
import community.platform.shared.courses.EnrollmentDecision;
import community.platform.shared.courses.EnrollmentOutcome;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentRejectedEvent;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.FindCourseQuery;
import community.platform.shared.courses.FindEnrollmentDecisionQuery;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import community.platform.query.views.ViewBatch;
import community.platform.shared.personal.ErasureRefusedEvent;
import community.platform.shared.personal.ErasureRequestedEvent;
import community.platform.shared.personal.ErasureSubject;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import community.platform.shared.personal.PersonalDataErasedEvent;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The course view against the embedded server: a whole term, applied twice, and rebuilt after a reset. */
class CourseProjectionTest {

    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");
    private static final List<CourseSession> SESSIONS = List.of(
            new CourseSession(1, MONDAY, MONDAY.plus(Duration.ofMinutes(90)), "Room 2"),
            new CourseSession(2, MONDAY.plus(Duration.ofDays(7)), MONDAY.plus(Duration.ofDays(7).plusMinutes(90)),
                              "Room 2"),
            new CourseSession(3, MONDAY.plus(Duration.ofDays(14)), MONDAY.plus(Duration.ofDays(14).plusMinutes(90)),
                              "Room 2"));
    private static final List<CourseEvent> TERM = List.of(
            new CourseCreatedEvent("course-1", "zhang", "Paper cutting", "", "Teacher Wu", 2, 4, 2, SESSIONS),
            new CoursePublishedEvent("course-1"),
            new ChildEnrolledEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, 2, 0),
            new ChildEnrolledEvent("course-1", "e-2", "wang", "Wang Xiaohong", 2, 2, 1),
            new ChildWaitlistedEvent("course-1", "e-3", "lihua", "Li Xiaoli", 4, 2, 2, 1),
            new EnrollmentWithdrawnEvent("course-1", "e-2", "wang", true),
            new EnrollmentPromotedEvent("course-1", "e-3", "lihua", 2, 1, 1),
            new CourseSessionCancelledEvent("course-1", SESSIONS.get(2), "holiday"),
            new AttendanceMarkedEvent("course-1", 1, "e-1", AttendanceMark.PRESENT, null),
            new AttendanceMarkedEvent("course-1", 1, "e-3", AttendanceMark.ABSENT, null),
            new AttendanceMarkedEvent("course-1", 2, "e-1", AttendanceMark.ABSENT, null),
            new AttendanceMarkedEvent("course-1", 2, "e-3", AttendanceMark.LATE, null),
            new AttendanceMarkedEvent("course-1", 2, "e-1", AttendanceMark.PRESENT, AttendanceMark.ABSENT),
            new CourseFeedbackGivenEvent("course-1", "e-1", "lihua", 5, "Loved it"),
            new CourseFeedbackGivenEvent("course-1", "e-3", "lihua", 4, "好"),
            new CourseCompletedEvent("course-1", 2, List.of(
                    new CourseCompletion("e-1", "lihua", "Li Xiaoming", 2, 2, true),
                    new CourseCompletion("e-3", "lihua", "Li Xiaoli", 1, 2, false))));

    private EmbeddedMongo mongo;
    private CourseProjection projection;

    @BeforeEach
    void start() {
        mongo = new EmbeddedMongo();
        projection = new CourseProjection(mongo.database(), SimpleQueryUpdateEmitter.builder().build());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void apply(List<? extends CourseEvent> events, String courseId) {
        for (int seq = 0; seq < events.size(); seq++) {
            CourseEvent event = events.get(seq);
            projection.on(courseId.equals(event.courseId()) ? event : renamed(event, courseId), seq);
        }
    }

    private Mono<CourseDetails> course(String id) {
        return Mono.fromFuture(() -> projection.handle(new FindCourseQuery(id))).flatMap(Mono::justOrEmpty);
    }

    private List<Document> stored() {
        return Flux.from(mongo.database().getCollection(CourseProjection.COLLECTION).find()).collectList().block();
    }

    @Test
    void aWholeTermShowsRosterAttendanceFeedbackAndCompletions() {
        apply(TERM, "course-1");

        StepVerifier.create(course("course-1"))
                    .assertNext(course -> {
                        assertThat(course.status()).isEqualTo(CourseStatus.COMPLETED);
                        assertThat(course.enrolled()).extracting(CourseDetails.Enrollment::enrollmentId)
                                                     .containsExactly("e-1", "e-3");
                        assertThat(course.waitlist()).isEmpty();
                        assertThat(course.enrolled().get(0).marks())
                                .isEqualTo(Map.of(1, AttendanceMark.PRESENT, 2, AttendanceMark.PRESENT));
                        assertThat(course.enrolled().get(1).marks())
                                .isEqualTo(Map.of(1, AttendanceMark.ABSENT, 2, AttendanceMark.LATE));
                        assertThat(course.sessions()).extracting(CourseDetails.Session::cancelled)
                                                     .containsExactly(false, false, true);
                        assertThat(course.averageRating()).isEqualTo(4.5);
                        assertThat(course.feedback()).hasSize(2);
                        assertThat(course.completions()).extracting(CourseCompletion::completed)
                                                        .containsExactly(true, false);
                        assertThat(course.version()).isEqualTo(TERM.size() - 1);
                    })
                    .verifyComplete();
    }

    @Test
    void eventsAppliedTwiceChangeNothing() {
        apply(TERM, "course-1");
        List<Document> once = stored();

        apply(TERM, "course-1");

        assertThat(stored()).isEqualTo(once);
    }

    @Test
    void aReplayRebuildsAnEqualView() {
        apply(TERM, "course-1");
        List<Document> live = stored();

        projection.reset();
        StepVerifier.create(course("course-1")).verifyComplete();
        apply(TERM, "course-1");

        assertThat(stored()).isEqualTo(live);
    }

    @Test
    void aGuardianFindsTheCoursesOfTheirChildren() {
        apply(TERM.subList(0, 5), "course-1");

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindGuardianCoursesQuery("wang"))))
                    .assertNext(list -> assertThat(list).extracting(CourseDetails::id).containsExactly("course-1"))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> projection.handle(new FindGuardianCoursesQuery("zhao"))))
                    .assertNext(list -> assertThat(list).isEmpty())
                    .verifyComplete();
    }

    private Mono<EnrollmentDecision> decision(String courseId, String enrollmentId) {
        return Mono.fromFuture(() -> projection.handle(new FindEnrollmentDecisionQuery(courseId, enrollmentId)))
                   .flatMap(Mono::justOrEmpty);
    }

    @Test
    void eachRequestIsAnsweredWithItsDecisionOnceDecided() {
        List<CourseSession> sessions = SESSIONS;
        apply(List.of(TERM.get(0), TERM.get(1),
                      new EnrollmentRequestedEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, "Paper cutting",
                                                   sessions, true, "2026-11", null),
                      TERM.get(2),
                      new EnrollmentRequestedEvent("course-1", "e-9", "lihua", "Li Xiaoli", 3, "Paper cutting",
                                                   sessions, true, "2026-11", null),
                      new EnrollmentRejectedEvent("course-1", "e-9", ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps",
                                                  "course-2"),
                      new EnrollmentRequestedEvent("course-1", "e-3", "lihua", "Li Xiaoli", 4, "Paper cutting",
                                                   sessions, true, "2026-11", null)), "course-1");

        StepVerifier.create(decision("course-1", "e-1"))
                    .expectNext(new EnrollmentDecision("course-1", "e-1", new EnrollmentOutcome(
                            EnrollmentOutcome.Status.ENROLLED, null, 3), null))
                    .verifyComplete();
        StepVerifier.create(decision("course-1", "e-9"))
                    .expectNext(new EnrollmentDecision("course-1", "e-9", null, new RuleViolation(
                            ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps", "course-2")))
                    .verifyComplete();
        // undecided yet, or asked of another course
        StepVerifier.create(decision("course-1", "e-3")).verifyComplete();
        StepVerifier.create(decision("course-2", "e-1")).verifyComplete();

        projection.on(new ChildWaitlistedEvent("course-1", "e-3", "lihua", "Li Xiaoli", 4, 1, 1, 1), 7);
        StepVerifier.create(decision("course-1", "e-3"))
                    .expectNext(new EnrollmentDecision("course-1", "e-3", new EnrollmentOutcome(
                            EnrollmentOutcome.Status.WAITLISTED, 1, 7), null))
                    .verifyComplete();

        projection.reset();
        StepVerifier.create(decision("course-1", "e-1")).verifyComplete();
    }

    /** The same history for another course id. */
    private static CourseEvent renamed(CourseEvent event, String courseId) {
        if (event instanceof CourseCreatedEvent c) {
            return new CourseCreatedEvent(courseId, c.organizer(), c.title(), c.description(), c.instructor(),
                                          c.minGrade(), c.maxGrade(), c.capacity(), c.sessions());
        } else if (event instanceof CoursePublishedEvent) {
            return new CoursePublishedEvent(courseId);
        } else if (event instanceof ChildEnrolledEvent e) {
            return new ChildEnrolledEvent(courseId, e.enrollmentId(), e.guardian(), e.childName(), e.childGrade(),
                                          e.capacity(), e.enrolledBefore());
        } else if (event instanceof ChildWaitlistedEvent e) {
            return new ChildWaitlistedEvent(courseId, e.enrollmentId(), e.guardian(), e.childName(), e.childGrade(),
                                            e.capacity(), e.enrolledBefore(), e.position());
        }
        throw new IllegalArgumentException("not needed here: " + event);
    }

    @Test
    void anErasedGuardiansFeedbackCommentsReadErasedAndTheRatingsStay() {
        apply(TERM, "course-1");

        projection.on(new PersonalDataErasedEvent("er-1", ErasureSubject.ACCOUNT, "lihua", null, "admin",
                                                  List.of("key-1")));

        StepVerifier.create(course("course-1"))
                    .expectNextMatches(course -> course.feedback().stream().allMatch(
                            feedback -> feedback.comment().equals("[erased]"))
                            && course.feedback().stream().mapToInt(CourseDetails.Feedback::rating).sum() == 9)
                    .verifyComplete();
        org.assertj.core.api.Assertions.assertThat(stored().get(0).toJson()).doesNotContain("Loved it");
    }

    /**
     * A child's erasure request and its decision handled in one batch (as a rebuild, or a start catching up, hands
     * them) leave no open request behind, and the erased child's name is scrubbed.
     */
    @Test
    void childErasureRequestsDecidedInTheBatchThatMadeThemLeaveNothingOpen() throws Exception {
        apply(TERM, "course-1");
        ViewBatch.WriteBehind writes = new ViewBatch.WriteBehind();
        writes.handle(Stream.of(
                new ErasureRequestedEvent("er-1", ErasureSubject.CHILD, "wang", "e-2", null, "course-1", "child-2"),
                new ErasureRefusedEvent("er-1", "admin", "still enrolled"),
                new ErasureRequestedEvent("er-2", ErasureSubject.CHILD, "lihua", "e-3", null, "course-1", "child-3"),
                new PersonalDataErasedEvent("er-2", ErasureSubject.CHILD, "lihua", "e-3", "admin", List.of("key-3"))
        ).map(GenericEventMessage::asEventMessage).toList(), List.of(new AnnotationEventHandlerAdapter(projection)));
        writes.finish();

        assertThat(Flux.from(mongo.database().getCollection(CourseProjection.CHILD_ERASURES).find()).collectList()
                       .block()).isEmpty();
        assertThat(stored().get(0).toJson()).doesNotContain("Li Xiaoli").contains("Li Xiaoming");
    }
}
