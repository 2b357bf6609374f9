package community.platform.query.courses;

import community.platform.query.EmbeddedMongo;
import community.platform.query.processing.CaughtUp;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.AttendanceMarkedEvent;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CourseAttendanceRate;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.FindCourseAttendanceRateQuery;
import community.platform.shared.courses.ListCourseAttendanceRatesQuery;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Courses' attendance rates against the embedded server. */
class AttendanceRatesProjectionTest {

    private static final Instant MONDAY = Instant.parse("2027-03-01T07:30:00Z");

    private final EmbeddedMongo mongo = new EmbeddedMongo();
    private final AttendanceRatesProjection projection = new AttendanceRatesProjection(mongo.database(),
                                                                                       CaughtUp.NOW);

    @AfterEach
    void stop() {
        mongo.close();
    }

    private static CourseSession session(int number, Instant startsAt) {
        return new CourseSession(number, startsAt, startsAt.plus(Duration.ofMinutes(90)), "Room 2");
    }

    /**
     * Two children seated, one waiting: e-1 present then late (still attended), e-2 absent and later leaves, e-3
     * promoted into e-2's seat and present once. A correction counts once, a child who left counts no more.
     */
    private static List<CourseEvent> term(String courseId, String organizer, Instant first) {
        return List.of(
                new CourseCreatedEvent(courseId, organizer, "Paper cutting " + courseId, "", "Teacher Wu", 2, 4, 2,
                                       List.of(session(1, first), session(2, first.plus(Duration.ofDays(7))))),
                new CoursePublishedEvent(courseId),
                new ChildEnrolledEvent(courseId, "e-1", "lihua", "Li Xiaoming", 3, 2, 0),
                new ChildEnrolledEvent(courseId, "e-2", "wang", "Wang Xiaohong", 2, 2, 1),
                new ChildWaitlistedEvent(courseId, "e-3", "lihua", "Li Xiaoli", 4, 2, 2, 1),
                new AttendanceMarkedEvent(courseId, 1, "e-1", AttendanceMark.PRESENT, null),
                new AttendanceMarkedEvent(courseId, 1, "e-2", AttendanceMark.ABSENT, null),
                new AttendanceMarkedEvent(courseId, 1, "e-1", AttendanceMark.LATE, AttendanceMark.PRESENT),
                new AttendanceMarkedEvent(courseId, 2, "e-1", AttendanceMark.ABSENT, null),
                new EnrollmentWithdrawnEvent(courseId, "e-2", "wang", true),
                new EnrollmentPromotedEvent(courseId, "e-3", "lihua", 2, 1, 1),
                new AttendanceMarkedEvent(courseId, 2, "e-3", AttendanceMark.PRESENT, null));
    }

    private void apply(List<CourseEvent> events) {
        for (int seq = 0; seq < events.size(); seq++) {
            projection.on(events.get(seq), seq);
        }
    }

    private Mono<List<CourseAttendanceRate>> rates(String organizer) {
        return Mono.fromFuture(() -> projection.handle(new ListCourseAttendanceRatesQuery(organizer)));
    }

    private Mono<Optional<CourseAttendanceRate>> rate(String courseId) {
        return Mono.fromFuture(() -> projection.handle(new FindCourseAttendanceRateQuery(courseId)));
    }

    @Test
    void theLatestMarkOfEachSeatedChildCountsAndAChildWhoLeftNoMore() {
        apply(term("course-1", "zhang", MONDAY));

        StepVerifier.create(rate("course-1"))
                    .expectNext(Optional.of(new CourseAttendanceRate("course-1", "Paper cutting course-1", 2, 3, 67)))
                    .verifyComplete();
        StepVerifier.create(rate("course-2")).expectNext(Optional.empty()).verifyComplete();
    }

    @Test
    void anOrganizersMarkedCoursesComeByFirstSessionAsMovedAndUnmarkedOnesStayOut() {
        apply(term("course-late", "zhang", MONDAY));
        apply(term("course-early", "zhang", MONDAY.plus(Duration.ofDays(1))));
        apply(term("course-other", "li", MONDAY));
        List<CourseEvent> unmarked = term("course-unmarked", "zhang", MONDAY).subList(0, 3);
        apply(unmarked);
        projection.on(new CourseSessionRescheduledEvent("course-late", session(1, MONDAY),
                                                        session(1, MONDAY.plus(Duration.ofDays(2))), "sports day"),
                      12);

        StepVerifier.create(rates("zhang"))
                    .assertNext(rates -> assertThat(rates).extracting(CourseAttendanceRate::courseId)
                                                          .containsExactly("course-early", "course-late"))
                    .verifyComplete();
        StepVerifier.create(rate("course-unmarked"))
                    .expectNext(Optional.of(new CourseAttendanceRate("course-unmarked", "Paper cutting course-unmarked",
                                                                     0, 0, null)))
                    .verifyComplete();
    }

    @Test
    void everyEventAppliedTwiceGivesTheSameRate() {
        apply(term("course-1", "zhang", MONDAY));
        List<Document> once = stored();

        apply(term("course-1", "zhang", MONDAY));

        assertThat(stored()).isEqualTo(once);
        StepVerifier.create(rate("course-1")).assertNext(rate -> assertThat(rate.get().marked()).isEqualTo(3))
                    .verifyComplete();
    }

    @Test
    void aResetClearsTheRatesAndTheEventsRebuildThem() {
        apply(term("course-1", "zhang", MONDAY));
        List<Document> live = stored();

        projection.reset();

        StepVerifier.create(rates("zhang")).expectNext(List.of()).verifyComplete();
        apply(term("course-1", "zhang", MONDAY));
        assertThat(stored()).isEqualTo(live);
    }

    private List<Document> stored() {
        return Flux.from(mongo.database().getCollection(AttendanceRatesProjection.COLLECTION).find()).collectList()
                   .block();
    }

    @Test
    void anOrganizersRatesInOneNeighbourhoodLeaveTheirOthersOut() {
        List<CourseEvent> inDonghu = new ArrayList<>(term("course-d", "zhang", MONDAY));
        CourseCreatedEvent created = (CourseCreatedEvent) inDonghu.get(0);
        inDonghu.set(0, new CourseCreatedEvent(created.courseId(), created.organizer(), created.title(),
                                               created.description(), created.instructor(), created.minGrade(),
                                               created.maxGrade(), created.capacity(), created.sessions(),
                                               "nb-donghu"));
        apply(inDonghu);
        apply(term("course-x", "zhang", MONDAY.plus(Duration.ofDays(1))));

        StepVerifier.create(Mono.fromFuture(() -> projection.handle(
                            new ListCourseAttendanceRatesQuery("zhang", "nb-donghu"))))
                    .assertNext(rates -> assertThat(rates).extracting(CourseAttendanceRate::courseId)
                                                          .containsExactly("course-d"))
                    .verifyComplete();
        StepVerifier.create(Mono.fromFuture(() -> projection.handle(
                            new ListCourseAttendanceRatesQuery("zhang", "nb-default"))))
                    .assertNext(rates -> assertThat(rates).extracting(CourseAttendanceRate::courseId)
                                                          .containsExactly("course-x"))
                    .verifyComplete();
        StepVerifier.create(rates("zhang")).assertNext(rates -> assertThat(rates).hasSize(2)).verifyComplete();
    }
}
