package community.platform.command.courses;

import community.platform.command.eventstore.EventSerialization;
import community.platform.command.eventstore.personal.TestSecret;
import community.platform.command.neighbourhoods.TestNeighbourhoods;
import community.platform.command.personal.ChildIds;
import community.platform.shared.ErrorCode;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.AttendanceMarkedEvent;
import community.platform.shared.courses.CancelCourseSessionCommand;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ChildWaitlistedEvent;
import community.platform.shared.courses.CompleteCourseCommand;
import community.platform.shared.courses.CheckEnrollmentHeldCommand;
import community.platform.shared.courses.ConfirmEnrollmentCommand;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseCreatedEvent;
import community.platform.shared.courses.CourseFeedbackGivenEvent;
import community.platform.shared.courses.CoursePublishedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.EnrollmentAdoptedEvent;
import community.platform.shared.courses.EnrollmentClearedEvent;
import community.platform.shared.courses.EnrollmentPromotedEvent;
import community.platform.shared.courses.EnrollmentRejectedEvent;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.GiveCourseFeedbackCommand;
import community.platform.shared.courses.MarkAttendanceCommand.Mark;
import community.platform.shared.courses.MarkAttendanceCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.courses.RejectEnrollmentCommand;
import community.platform.shared.courses.RescheduleCourseSessionCommand;
import community.platform.shared.courses.TimeSpan;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import community.platform.shared.personal.ChildDataNotice;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static community.platform.command.handling.Violations.violationOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a Sunshine 330 course, one test per rule. */
class CourseTest {

    private static final String DONGHU = "nb-donghu";

    /** 2027-03-01 10:00 Beijing time; the term's sessions are on the following Mondays at 15:30 to 17:00. */
    private static final Instant NOW = Instant.parse("2027-03-01T02:00:00Z");
    private static final Instant FIRST = Instant.parse("2027-03-01T07:30:00Z");

    private static final ChildIds CHILD_IDS = new ChildIds(TestSecret.SECRET);

    private AggregateTestFixture<Course> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Course.class);
        fixture.registerInjectableResource(TestNeighbourhoods.policy(DONGHU, "zhang"));
        fixture.registerAnnotatedCommandHandler(new EnrollmentRequests(fixture.getRepository(), CHILD_IDS));
        fixture.givenCurrentTime(NOW);
    }

    private static CourseSession session(int week) {
        Instant start = FIRST.plus(Duration.ofDays(7L * (week - 1)));
        return new CourseSession(week, start, start.plus(Duration.ofMinutes(90)), "Room 2");
    }

    private static List<CourseSession> sessions(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(CourseTest::session).toList();
    }

    private static CreateCourseCommand create(String title, String instructor, int minGrade, int maxGrade,
                                              int capacity, List<CourseSession> sessions) {
        return new CreateCourseCommand("course-1", "zhang", title, "Cut paper flowers", instructor, minGrade, maxGrade,
                                       capacity, sessions);
    }

    private static CourseCreatedEvent created(int capacity, int sessions) {
        return new CourseCreatedEvent("course-1", "zhang", "Paper cutting", "Cut paper flowers", "Teacher Wu", 2, 4,
                                      capacity, sessions(sessions));
    }

    private static final CoursePublishedEvent PUBLISHED = new CoursePublishedEvent("course-1");

    private static ChildEnrolledEvent enrolled(String id, String guardian, String child, int before) {
        return new ChildEnrolledEvent("course-1", id, guardian, child, 3, 2, before);
    }

    private static final ChildEnrolledEvent XIAOMING = enrolled("e-1", "lihua", "Li Xiaoming", 0);
    private static final ChildEnrolledEvent XIAOHONG = enrolled("e-2", "wang", "Wang Xiaohong", 1);
    private static final ChildWaitlistedEvent XIAOGANG =
            new ChildWaitlistedEvent("course-1", "e-3", "zhao", "Zhao Xiaogang", 3, 2, 2, 1);

    private static EnrollmentRequestedEvent requested(String id, String guardian, String child) {
        return new EnrollmentRequestedEvent("course-1", id, guardian, child, 3, "Paper cutting", sessions(3), true,
                                            ChildDataNotice.VERSION, CHILD_IDS.of(guardian, child));
    }

    /** A guardian's request, with consent to the current notice. */
    private static EnrollChildCommand enroll(String id, String guardian, String child, int grade) {
        return new EnrollChildCommand("course-1", id, guardian, child, grade, true, ChildDataNotice.VERSION);
    }

    /** Requested and decided through the enrollment process, whose time it keeps. */
    private static List<Object> inOrder(String id, String guardian, String child, Object decided) {
        return List.of(requested(id, guardian, child), decided);
    }

    private static List<Object> history(Object... events) {
        List<Object> all = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof List<?> many) {
                all.addAll(many);
            } else {
                all.add(event);
            }
        }
        return all;
    }

    private static MarkAttendanceCommand marks(int sessionNo, Mark... marks) {
        return new MarkAttendanceCommand("course-1", "zhang", sessionNo, List.of(marks));
    }

    private static AttendanceMarkedEvent marked(int sessionNo, String enrollmentId, AttendanceMark mark) {
        return new AttendanceMarkedEvent("course-1", sessionNo, enrollmentId, mark, null);
    }

    private static Instant after(int week) {
        return session(week).endsAt().plusSeconds(60);
    }

    @Test
    void aCourseIsMadeOnlyWhereItsOrganizerWasAppointed() {
        CreateCourseCommand c = create("Paper cutting", "Teacher Wu", 2, 4, 20, sessions(3));
        fixture.givenNoPriorActivity()
               .when(new CreateCourseCommand(c.courseId(), "li", c.title(), c.description(), c.instructor(),
                                             c.minGrade(), c.maxGrade(), c.capacity(), c.sessions(), DONGHU))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_YOUR_NEIGHBOURHOOD));
        fixture.givenNoPriorActivity()
               .when(new CreateCourseCommand(c.courseId(), "zhang", c.title(), c.description(), c.instructor(),
                                             c.minGrade(), c.maxGrade(), c.capacity(), c.sessions(), DONGHU))
               .expectEvents(new CourseCreatedEvent("course-1", "zhang", "Paper cutting", "Cut paper flowers",
                                                    "Teacher Wu", 2, 4, 20, sessions(3), DONGHU));
    }

    @Test
    void anOrganizerCreatesACourseWithNumberedSessions() {
        List<CourseSession> unnumbered = sessions(3).stream()
                .map(s -> new CourseSession(0, s.startsAt(), s.endsAt(), s.room())).toList();
        fixture.givenNoPriorActivity()
               .when(create("Paper cutting", "Teacher Wu", 2, 4, 2, unnumbered))
               .expectEvents(created(2, 3));
    }

    @Test
    void titleAndInstructorAreRequired() {
        fixture.givenNoPriorActivity().when(create(" ", "Teacher Wu", 2, 4, 2, sessions(1)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_COURSE));
        fixture.givenNoPriorActivity().when(create("Paper cutting", null, 2, 4, 2, sessions(1)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_COURSE));
    }

    @Test
    void theGradeRangeIsOneToSixWithTheMinimumNotAboveTheMaximum() {
        for (int[] range : new int[][]{{0, 3}, {1, 7}, {5, 4}}) {
            fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", range[0], range[1], 2,
                                                       sessions(1)))
                   .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_GRADE_RANGE));
        }
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 6, 6, 2, sessions(1)))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void capacityIsOneToSixty() {
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 0, sessions(1)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 61, sessions(1)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_CAPACITY));
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 60, sessions(1)))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void thereAreOneToFortySessions() {
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, List.of()))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SESSIONS));
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, sessions(41)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SESSIONS));
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, sessions(40)))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void sessionsMayNotOverlapEachOther() {
        CourseSession first = session(1);
        CourseSession overlapping = new CourseSession(2, first.endsAt().minusSeconds(60),
                                                      first.endsAt().plusSeconds(3600), "Room 3");
        CourseSession touching = new CourseSession(2, first.endsAt(), first.endsAt().plusSeconds(3600), "Room 3");
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, List.of(first, overlapping)))
               .expectNoEvents().expectException(violationOf(ErrorCode.OVERLAPPING_SESSIONS));
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, List.of(first, touching)))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void sessionsEndAfterTheyStartAndStartInTheFuture() {
        CourseSession backwards = new CourseSession(1, FIRST, FIRST.minusSeconds(60), "Room 2");
        CourseSession past = new CourseSession(1, NOW.minusSeconds(3600), NOW.plusSeconds(60), "Room 2");
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, List.of(backwards)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
        fixture.givenNoPriorActivity().when(create("Paper cutting", "Teacher Wu", 2, 4, 2, List.of(past)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_SCHEDULE));
    }

    @Test
    void enrollmentOpensOnPublication() {
        fixture.given(created(2, 3))
               .when(enroll("e-1", "lihua", "Li Xiaoming", 3))
               .expectNoEvents().expectException(violationOf(ErrorCode.COURSE_NOT_OPEN));
        fixture.given(created(2, 3))
               .when(new PublishCourseCommand("course-1", "zhang"))
               .expectEvents(PUBLISHED);
        fixture.given(created(2, 3), PUBLISHED)
               .when(enroll("e-1", "lihua", " Li Xiaoming ", 3))
               .expectEvents(requested("e-1", "lihua", "Li Xiaoming"))
               .expectResultMessagePayload(2L);
    }

    @Test
    void aChildIsEnrolledOnlyWithTheGuardiansConsent() {
        fixture.given(created(2, 3), PUBLISHED)
               .when(new EnrollChildCommand("course-1", "e-1", "lihua", "Li Xiaoming", 3, false,
                                            ChildDataNotice.VERSION))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.CONSENT_REQUIRED));
        fixture.given(created(2, 3), PUBLISHED)
               .when(new EnrollChildCommand("course-1", "e-1", "lihua", "Li Xiaoming", 3, false, null))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.CONSENT_REQUIRED));
    }

    @Test
    void consentCountsOnlyForTheNoticeAsItStandsNow() {
        fixture.given(created(2, 3), PUBLISHED)
               .when(new EnrollChildCommand("course-1", "e-1", "lihua", "Li Xiaoming", 3, true, "2020-01"))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.CONSENT_REQUIRED))
               .expectExceptionMessage(org.hamcrest.Matchers.containsString("2020-01"));
        fixture.given(created(2, 3), PUBLISHED)
               .when(new EnrollChildCommand("course-1", "e-1", "lihua", "Li Xiaoming", 3, true, " "))
               .expectNoEvents()
               .expectException(violationOf(ErrorCode.CONSENT_REQUIRED));
    }

    @Test
    void theRequestRecordsTheConsentAndTheNoticeVersion() {
        fixture.given(created(2, 3), PUBLISHED)
               .when(new EnrollChildCommand("course-1", "e-1", "lihua", "Li Xiaoming", 3, true,
                                            ChildDataNotice.VERSION))
               .expectEvents(new EnrollmentRequestedEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3,
                                                          "Paper cutting", sessions(3), true,
                                                          ChildDataNotice.VERSION,
                                                          CHILD_IDS.of("lihua", "Li Xiaoming")));
    }

    @Test
    void aRequestRecordedBeforeConsentWasAskedReadsAsNoConsentRecorded() {
        String stored = "{\"courseId\":\"course-1\",\"enrollmentId\":\"e-1\",\"guardian\":\"lihua\","
                + "\"childName\":\"Li Xiaoming\",\"childGrade\":3,\"title\":\"Paper cutting\",\"sessions\":[]}";
        EnrollmentRequestedEvent read = EventSerialization.serializer().deserialize(new SimpleSerializedObject<>(
                stored, String.class, new SimpleSerializedType(EnrollmentRequestedEvent.class.getName(), "1")));

        assertThat(read).isEqualTo(new EnrollmentRequestedEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3,
                                                                "Paper cutting", List.of()));
        fixture.given(created(2, 3), PUBLISHED, read)
               .when(new ConfirmEnrollmentCommand("course-1", "e-1"))
               .expectEvents(XIAOMING);
    }

    @Test
    void aRequestCarriesTheSessionsNotCancelledAsTheCourseRecordedThem() {
        CourseSession second = session(2);
        CourseSession moved = new CourseSession(2, second.startsAt().plusSeconds(3600), second.endsAt()
                .plusSeconds(3600), "Room 5");
        fixture.given(created(2, 3), PUBLISHED, new CourseSessionRescheduledEvent("course-1", second, moved, "fair"),
                      new CourseSessionCancelledEvent("course-1", session(3), "holiday"))
               .when(enroll("e-1", "lihua", "Li Xiaoming", 3))
               .expectEvents(new EnrollmentRequestedEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3,
                                                          "Paper cutting", List.of(session(1), moved), true,
                                                          ChildDataNotice.VERSION,
                                                          CHILD_IDS.of("lihua", "Li Xiaoming")));
    }

    @Test
    void theSameRequestSentAgainChangesNothing() {
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"))
               .when(enroll("e-1", "lihua", "Li Xiaoming", 3))
               .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING)))
               .when(enroll("e-1", "lihua", "Li Xiaoming", 3))
               .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void aConfirmedRequestTakesASeatWhileThereIsOne() {
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-1"))
               .expectEvents(XIAOMING);
    }

    @Test
    void aRequestIsDecidedOnce() {
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING)))
               .when(new ConfirmEnrollmentCommand("course-1", "e-1"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING)))
               .when(new RejectEnrollmentCommand("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps",
                                                 "course-2"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      new EnrollmentRejectedEvent("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps",
                                                  "course-2"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-1"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void aRequestTheChildsScheduleRefusedIsRecordedWithTheClash() {
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"))
               .when(new RejectEnrollmentCommand("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps",
                                                 "course-2"))
               .expectEvents(new EnrollmentRejectedEvent("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT,
                                                         "overlaps", "course-2"));
        // refused, the child may ask again
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      new EnrollmentRejectedEvent("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps",
                                                  "course-2"))
               .when(enroll("e-2", "lihua", "Li Xiaoming", 3))
               .expectEvents(requested("e-2", "lihua", "Li Xiaoming"));
    }

    @Test
    void seatsAndQueuePlacesGoInTheOrderTheRequestsWereMadeWhateverOrderTheirTimeIsHeldIn() {
        // e-2's time is held first: it waits for e-1, made before it
        fixture.given(created(1, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      requested("e-2", "wang", "Wang Xiaohong"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-2"))
               .expectEvents(new EnrollmentClearedEvent("course-1", "e-2"));
        // e-1's time is held: e-1 takes the one seat, then e-2 waits first in line
        fixture.given(created(1, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      requested("e-2", "wang", "Wang Xiaohong"), new EnrollmentClearedEvent("course-1", "e-2"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-1"))
               .expectEvents(new ChildEnrolledEvent("course-1", "e-1", "lihua", "Li Xiaoming", 3, 1, 0),
                             new ChildWaitlistedEvent("course-1", "e-2", "wang", "Wang Xiaohong", 3, 1, 1, 1));
        // e-1 is refused (an overlap): e-2, next in order, takes the seat
        fixture.given(created(1, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      requested("e-2", "wang", "Wang Xiaohong"), new EnrollmentClearedEvent("course-1", "e-2"))
               .when(new RejectEnrollmentCommand("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT, "overlaps",
                                                 "course-2"))
               .expectEvents(new EnrollmentRejectedEvent("course-1", "e-1", ErrorCode.OVERLAPPING_ENROLLMENT,
                                                         "overlaps", "course-2"),
                             new ChildEnrolledEvent("course-1", "e-2", "wang", "Wang Xiaohong", 3, 1, 0));
        // held twice, waiting: nothing more
        fixture.given(created(1, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      requested("e-2", "wang", "Wang Xiaohong"), new EnrollmentClearedEvent("course-1", "e-2"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-2"))
               .expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    void theCourseSaysWhetherAnEnrollmentStillStandsBehindTheChildsTime() {
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"))
               .when(new CheckEnrollmentHeldCommand("course-1", "e-1"))
               .expectResultMessagePayload(null);
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING)))
               .when(new CheckEnrollmentHeldCommand("course-1", "e-1"))
               .expectResultMessagePayload(null);
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING),
                              new EnrollmentWithdrawnEvent("course-1", "e-1", "lihua", true)))
               .when(new CheckEnrollmentHeldCommand("course-1", "e-1"))
               .expectResultMessagePayload(4L);
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"),
                      new EnrollmentRejectedEvent("course-1", "e-1", ErrorCode.COURSE_NOT_OPEN, "closed", null))
               .when(new CheckEnrollmentHeldCommand("course-1", "e-1"))
               .expectResultMessagePayload(3L);
    }

    @Test
    void aCourseThatClosedWhileTheTimeWasHeldRefusesTheRequest() {
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"))
               .andGivenCurrentTime(after(3))
               .when(new ConfirmEnrollmentCommand("course-1", "e-1"))
               .expectEvents(new EnrollmentRejectedEvent("course-1", "e-1", ErrorCode.COURSE_NOT_OPEN,
                                                         "The course's last session ended at 2027-03-15 17:00 (Beijing time)",
                                                         null));
    }

    @Test
    void timeHeldBeforeTheEnrollmentProcessIsHandedToItBeforeItMoves() {
        CourseSession second = session(2);
        CourseSession moved = new CourseSession(2, second.startsAt().plusSeconds(86400),
                                                second.endsAt().plusSeconds(86400), "Room 2");
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, requested("e-2", "wang", "Wang Xiaohong"), XIAOHONG)
               .when(new RescheduleCourseSessionCommand("course-1", "zhang", 2,
                                                        new TimeSpan(moved.startsAt(), moved.endsAt()), null, "fair"))
               .expectEvents(new EnrollmentAdoptedEvent("course-1", "e-1", "child-lihua/li xiaoming", "Paper cutting",
                                                        sessions(3)),
                             new CourseSessionRescheduledEvent("course-1", second, moved, "fair"));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .when(new WithdrawEnrollmentCommand("course-1", "e-1", "lihua"))
               .expectEvents(new EnrollmentAdoptedEvent("course-1", "e-1", "child-lihua/li xiaoming", "Paper cutting",
                                                        sessions(3)),
                             new EnrollmentWithdrawnEvent("course-1", "e-1", "lihua", true));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING,
                      new EnrollmentAdoptedEvent("course-1", "e-1", "child-lihua/li xiaoming", "Paper cutting",
                                                 sessions(3)))
               .when(new CancelCourseSessionCommand("course-1", "zhang", 3, "holiday"))
               .expectEvents(new CourseSessionCancelledEvent("course-1", session(3), "holiday"));
    }

    @Test
    void onlyTheOrganizerChangesTheCourse() {
        fixture.given(created(2, 3))
               .when(new PublishCourseCommand("course-1", "wang"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
        fixture.given(created(2, 3), PUBLISHED)
               .when(new CancelCourseSessionCommand("course-1", "wang", 2, "holiday"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_ORGANIZER));
    }

    @Test
    void aSessionIsRescheduledOneAtATimeAndKeepsItsRoomUnlessGivenANewOne() {
        CourseSession second = session(2);
        CourseSession moved = new CourseSession(2, second.startsAt().plusSeconds(86400),
                                                second.endsAt().plusSeconds(86400), "Room 2");
        fixture.given(created(2, 3), PUBLISHED)
               .when(new RescheduleCourseSessionCommand("course-1", "zhang", 2,
                                                        new TimeSpan(moved.startsAt(), moved.endsAt()), null, "sports day"))
               .expectEvents(new CourseSessionRescheduledEvent("course-1", second, moved, "sports day"));
    }

    @Test
    void aRescheduledSessionMayNotOverlapAnother() {
        CourseSession third = session(3);
        fixture.given(created(2, 3), PUBLISHED)
               .when(new RescheduleCourseSessionCommand("course-1", "zhang", 2, third.span(), "Room 9", "clash"))
               .expectNoEvents().expectException(violationOf(ErrorCode.OVERLAPPING_SESSIONS));
    }

    @Test
    void aSessionIsCancelledOneAtATimeBeforeItStarts() {
        fixture.given(created(2, 3), PUBLISHED)
               .when(new CancelCourseSessionCommand("course-1", "zhang", 2, "holiday"))
               .expectEvents(new CourseSessionCancelledEvent("course-1", session(2), "holiday"));
        fixture.given(created(2, 3), PUBLISHED,
                      new CourseSessionCancelledEvent("course-1", session(2), "holiday"))
               .when(new CancelCourseSessionCommand("course-1", "zhang", 2, "again"))
               .expectNoEvents().expectException(violationOf(ErrorCode.SESSION_CANCELLED));
        fixture.given(created(2, 3), PUBLISHED)
               .andGivenCurrentTime(after(1))
               .when(new CancelCourseSessionCommand("course-1", "zhang", 1, "too late"))
               .expectNoEvents().expectException(violationOf(ErrorCode.SESSION_STARTED));
        fixture.given(created(2, 3), PUBLISHED)
               .when(new CancelCourseSessionCommand("course-1", "zhang", 9, "no such"))
               .expectNoEvents().expectException(violationOf(ErrorCode.SESSION_NOT_FOUND));
    }

    @Test
    void theGradeMustBeInTheCoursesRange() {
        fixture.given(created(2, 3), PUBLISHED)
               .when(enroll("e-1", "lihua", "Li Xiaoming", 5))
               .expectNoEvents().expectException(violationOf(ErrorCode.GRADE_OUT_OF_RANGE));
        fixture.given(created(2, 3), PUBLISHED)
               .when(enroll("e-1", "lihua", "Li Xiaoming", 1))
               .expectNoEvents().expectException(violationOf(ErrorCode.GRADE_OUT_OF_RANGE));
    }

    @Test
    void theSameChildOfTheSameGuardianCannotBeEnrolledTwice() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .when(enroll("e-2", "lihua", "li  XIAOMING", 3))
               .expectNoEvents().expectException(violationOf(ErrorCode.ALREADY_ENROLLED, "e-1"));
        // nor asked for twice while the first request is being decided
        fixture.given(created(2, 3), PUBLISHED, requested("e-1", "lihua", "Li Xiaoming"))
               .when(enroll("e-2", "lihua", "li  XIAOMING", 3))
               .expectNoEvents().expectException(violationOf(ErrorCode.ALREADY_ENROLLED, "e-1"));
        // the same name under another guardian is another child
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .when(enroll("e-2", "wang", "Li Xiaoming", 3))
               .expectEvents(requested("e-2", "wang", "Li Xiaoming"));
        // after a withdrawal the child may come back
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING),
                              new EnrollmentWithdrawnEvent("course-1", "e-1", "lihua", true)))
               .when(enroll("e-2", "lihua", "Li Xiaoming", 3))
               .expectEvents(requested("e-2", "lihua", "Li Xiaoming"));
    }

    @Test
    void capacityIsEnforcedWithAFifoWaitlist() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, XIAOHONG, requested("e-3", "zhao", "Zhao Xiaogang"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-3"))
               .expectEvents(XIAOGANG);
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, XIAOHONG, XIAOGANG, requested("e-4", "qian", "Qian Xiaoli"))
               .when(new ConfirmEnrollmentCommand("course-1", "e-4"))
               .expectEvents(new ChildWaitlistedEvent("course-1", "e-4", "qian", "Qian Xiaoli", 3, 2, 2, 2));
    }

    @Test
    void aWithdrawalPromotesTheFirstInLine() {
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING),
                              inOrder("e-2", "wang", "Wang Xiaohong", XIAOHONG),
                              inOrder("e-3", "zhao", "Zhao Xiaogang", XIAOGANG),
                              inOrder("e-4", "qian", "Qian Xiaoli",
                                      new ChildWaitlistedEvent("course-1", "e-4", "qian", "Qian Xiaoli", 3, 2, 2, 2))))
               .when(new WithdrawEnrollmentCommand("course-1", "e-1", "lihua"))
               .expectEvents(new EnrollmentWithdrawnEvent("course-1", "e-1", "lihua", true),
                             new EnrollmentPromotedEvent("course-1", "e-3", "zhao", 2, 1, 1));
        // leaving the queue promotes nobody
        fixture.given(history(created(2, 3), PUBLISHED, inOrder("e-1", "lihua", "Li Xiaoming", XIAOMING),
                              inOrder("e-2", "wang", "Wang Xiaohong", XIAOHONG),
                              inOrder("e-3", "zhao", "Zhao Xiaogang", XIAOGANG)))
               .when(new WithdrawEnrollmentCommand("course-1", "e-3", "zhao"))
               .expectEvents(new EnrollmentWithdrawnEvent("course-1", "e-3", "zhao", false));
    }

    @Test
    void onlyTheGuardianWhoEnrolledAChildMayWithdrawThem() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .when(new WithdrawEnrollmentCommand("course-1", "e-1", "wang"))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_THE_GUARDIAN));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .when(new WithdrawEnrollmentCommand("course-1", "e-9", "lihua"))
               .expectNoEvents().expectException(violationOf(ErrorCode.ENROLLMENT_NOT_FOUND));
    }

    @Test
    void theOrganizerMarksEachEnrolledChildPresentAbsentLateOrExcused() {
        fixture.given(created(4, 3), PUBLISHED, XIAOMING, XIAOHONG,
                      enrolled("e-3", "zhao", "Zhao Xiaogang", 2), enrolled("e-4", "qian", "Qian Xiaoli", 3))
               .andGivenCurrentTime(session(1).startsAt().plusSeconds(300))
               .when(marks(1, new Mark("e-1", AttendanceMark.PRESENT), new Mark("e-2", AttendanceMark.ABSENT),
                           new Mark("e-3", AttendanceMark.LATE), new Mark("e-4", AttendanceMark.EXCUSED)))
               .expectEvents(marked(1, "e-1", AttendanceMark.PRESENT), marked(1, "e-2", AttendanceMark.ABSENT),
                             marked(1, "e-3", AttendanceMark.LATE), marked(1, "e-4", AttendanceMark.EXCUSED));
    }

    @Test
    void onlyTheEnrolledChildrenOfTheCourseCount() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, XIAOHONG, XIAOGANG)
               .andGivenCurrentTime(after(1))
               .when(marks(1, new Mark("e-1", AttendanceMark.PRESENT), new Mark("e-3", AttendanceMark.PRESENT)))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_ENROLLED, "e-3"));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .andGivenCurrentTime(after(1))
               .when(marks(1, new Mark("someone-else", AttendanceMark.PRESENT)))
               .expectNoEvents().expectException(violationOf(ErrorCode.NOT_ENROLLED, "someone-else"));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .andGivenCurrentTime(after(1))
               .when(marks(1, new Mark("e-1", AttendanceMark.PRESENT), new Mark("e-1", AttendanceMark.ABSENT)))
               .expectNoEvents().expectException(violationOf(ErrorCode.CONFLICTING_MARKS, "e-1"));
    }

    @Test
    void onlySessionsThatHaveStartedCount() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .andGivenCurrentTime(session(2).startsAt().minusSeconds(1))
               .when(marks(2, new Mark("e-1", AttendanceMark.PRESENT)))
               .expectNoEvents().expectException(violationOf(ErrorCode.SESSION_NOT_STARTED));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING,
                      new CourseSessionCancelledEvent("course-1", session(2), "holiday"))
               .andGivenCurrentTime(after(2))
               .when(marks(2, new Mark("e-1", AttendanceMark.PRESENT)))
               .expectNoEvents().expectException(violationOf(ErrorCode.SESSION_CANCELLED));
    }

    @Test
    void aLaterMarkForTheSameChildAndSessionIsACorrectionThatKeepsTheOldMark() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, marked(1, "e-1", AttendanceMark.ABSENT))
               .andGivenCurrentTime(after(1))
               .when(marks(1, new Mark("e-1", AttendanceMark.LATE)))
               .expectEvents(new AttendanceMarkedEvent("course-1", 1, "e-1", AttendanceMark.LATE,
                                                       AttendanceMark.ABSENT));
        // the same mark again is no change
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, marked(1, "e-1", AttendanceMark.ABSENT))
               .andGivenCurrentTime(after(1))
               .when(marks(1, new Mark("e-1", AttendanceMark.ABSENT)))
               .expectNoEvents();
    }

    @Test
    void onlyAGuardianWhoseChildAttendedMayGiveFeedbackOncePerEnrollment() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, XIAOHONG, marked(1, "e-1", AttendanceMark.LATE),
                      marked(1, "e-2", AttendanceMark.ABSENT))
               .when(new GiveCourseFeedbackCommand("course-1", "lihua", null, 5, "Loved it"))
               .expectEvents(new CourseFeedbackGivenEvent("course-1", "e-1", "lihua", 5, "Loved it"));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, XIAOHONG, marked(1, "e-2", AttendanceMark.ABSENT))
               .when(new GiveCourseFeedbackCommand("course-1", "wang", null, 4, ""))
               .expectNoEvents().expectException(violationOf(ErrorCode.FEEDBACK_NOT_ALLOWED));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .when(new GiveCourseFeedbackCommand("course-1", "stranger", null, 4, ""))
               .expectNoEvents().expectException(violationOf(ErrorCode.FEEDBACK_NOT_ALLOWED));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, marked(1, "e-1", AttendanceMark.PRESENT),
                      new CourseFeedbackGivenEvent("course-1", "e-1", "lihua", 5, "Loved it"))
               .when(new GiveCourseFeedbackCommand("course-1", "lihua", null, 1, "Changed my mind"))
               .expectNoEvents().expectException(violationOf(ErrorCode.FEEDBACK_ALREADY_GIVEN));
    }

    @Test
    void aRatingIsOneToFiveAndACommentAtMost2000Characters() {
        Object[] history = {created(2, 3), PUBLISHED, XIAOMING, marked(1, "e-1", AttendanceMark.PRESENT)};
        fixture.given(history).when(new GiveCourseFeedbackCommand("course-1", "lihua", null, 0, ""))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_FEEDBACK));
        fixture.given(history).when(new GiveCourseFeedbackCommand("course-1", "lihua", null, 6, ""))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_FEEDBACK));
        fixture.given(history).when(new GiveCourseFeedbackCommand("course-1", "lihua", null, 3, "好".repeat(2001)))
               .expectNoEvents().expectException(violationOf(ErrorCode.INVALID_FEEDBACK));
        fixture.given(history).when(new GiveCourseFeedbackCommand("course-1", "lihua", null, 3, "好".repeat(2000)))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void theOrganizerCompletesTheCourseOnlyAfterItsLastSession() {
        fixture.given(created(2, 3), PUBLISHED, XIAOMING)
               .andGivenCurrentTime(session(3).endsAt().minusSeconds(1))
               .when(new CompleteCourseCommand("course-1", "zhang"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COURSE_NOT_OVER));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, new CourseCompletedEvent("course-1", 3, List.of()))
               .andGivenCurrentTime(after(3))
               .when(new CompleteCourseCommand("course-1", "zhang"))
               .expectNoEvents().expectException(violationOf(ErrorCode.COURSE_NOT_OPEN));
        fixture.given(created(2, 3), PUBLISHED, XIAOMING, new CourseCompletedEvent("course-1", 3, List.of()))
               .andGivenCurrentTime(after(3))
               .when(enroll("e-2", "wang", "Wang Xiaohong", 3))
               .expectNoEvents().expectException(violationOf(ErrorCode.COURSE_NOT_OPEN));
    }

    @Test
    void everyChildWhoAttendedAtLeastEightyPercentOfTheSessionsHeldCompletes() {
        // 6 sessions, one cancelled: 5 held. 4 of 5 is 80%: completes; 3 of 5 does not. LATE counts, EXCUSED not.
        List<Object> history = new ArrayList<>(List.of(created(4, 6), PUBLISHED, XIAOMING, XIAOHONG,
                enrolled("e-3", "zhao", "Zhao Xiaogang", 2),
                new CourseSessionCancelledEvent("course-1", session(6), "holiday")));
        for (int week = 1; week <= 5; week++) {
            history.add(marked(week, "e-1", week == 5 ? AttendanceMark.ABSENT : AttendanceMark.PRESENT));
            history.add(marked(week, "e-2", week <= 2 ? AttendanceMark.LATE
                                                        : week == 3 ? AttendanceMark.PRESENT : AttendanceMark.EXCUSED));
        }
        fixture.given(history)
               .andGivenCurrentTime(after(5))
               .when(new CompleteCourseCommand("course-1", "zhang"))
               .expectEvents(new CourseCompletedEvent("course-1", 5, List.of(
                       new CourseCompletion("e-1", "lihua", "Li Xiaoming", 4, 5, true),
                       new CourseCompletion("e-2", "wang", "Wang Xiaohong", 3, 5, false),
                       new CourseCompletion("e-3", "zhao", "Zhao Xiaogang", 0, 5, false))));
    }

    @Test
    void aCorrectionCountsInTheCompletionAsTheLatestMark() {
        List<Object> history = new ArrayList<>(List.of(created(2, 1), PUBLISHED, XIAOMING,
                marked(1, "e-1", AttendanceMark.ABSENT),
                new AttendanceMarkedEvent("course-1", 1, "e-1", AttendanceMark.PRESENT, AttendanceMark.ABSENT)));
        fixture.given(history)
               .andGivenCurrentTime(after(1))
               .when(new CompleteCourseCommand("course-1", "zhang"))
               .expectEvents(new CourseCompletedEvent("course-1", 1, List.of(
                       new CourseCompletion("e-1", "lihua", "Li Xiaoming", 1, 1, true))));
    }
}
