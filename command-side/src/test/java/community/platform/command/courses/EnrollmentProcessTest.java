package community.platform.command.courses;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.personal.ChildDataNotice;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.courses.CheckEnrollmentHeldCommand;
import community.platform.shared.courses.ChildEnrolledEvent;
import community.platform.shared.courses.ConfirmEnrollmentCommand;
import community.platform.shared.courses.CourseCompletedEvent;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSessionCancelledEvent;
import community.platform.shared.courses.CourseSessionRescheduledEvent;
import community.platform.shared.courses.EnrollmentAdoptedEvent;
import community.platform.shared.courses.EnrollmentRejectedEvent;
import community.platform.shared.courses.EnrollmentRequestedEvent;
import community.platform.shared.courses.EnrollmentWithdrawnEvent;
import community.platform.shared.courses.ListHeldEnrollmentsCommand;
import community.platform.shared.courses.MoveCourseSlotsCommand;
import community.platform.shared.courses.RejectEnrollmentCommand;
import community.platform.shared.courses.ReleaseCourseSlotsCommand;
import community.platform.shared.courses.ReserveCourseSlotsCommand;
import community.platform.shared.courses.TimeSpan;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The enrollment process step by step. Events of the course are published in order from sequence 0, so a step's
 * course version is the position of the event it follows.
 */
class EnrollmentProcessTest {

    private static final String COURSE = "course-1";
    private static final String CHILD = "child-lihua/li xiaoming";
    private static final Instant FIRST = Instant.parse("2027-03-01T07:30:00Z");

    private SagaTestFixture<EnrollmentProcess> fixture;

    @BeforeEach
    void fixture() {
        fixture = new SagaTestFixture<>(EnrollmentProcess.class);
        fixture.registerResource(new OwnCommits(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus())
                                                                     .build(), Runnable::run));
    }

    private static CourseSession session(int week) {
        Instant start = FIRST.plus(Duration.ofDays(7L * (week - 1)));
        return new CourseSession(week, start, start.plus(Duration.ofMinutes(90)), "Room 2");
    }

    private static final EnrollmentRequestedEvent REQUESTED = new EnrollmentRequestedEvent(
            COURSE, "e-1", "lihua", "Li Xiaoming", 3, "Paper cutting", List.of(session(1), session(2)), true,
            ChildDataNotice.VERSION, null);

    private static List<TimeSpan> spans(CourseSession... sessions) {
        return List.of(sessions).stream().map(CourseSession::span).toList();
    }

    private static ReserveCourseSlotsCommand reserve(long version) {
        return new ReserveCourseSlotsCommand(CHILD, COURSE, "e-1", "Paper cutting", spans(session(1), session(2)),
                                             version);
    }

    /** The schedule refuses for time held by enrollment e-9 of {@code clash}, which still stands. */
    private void scheduleRefuses(String clash) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveCourseSlotsCommand) {
                throw new CommandExecutionException("overlaps", null, new RuleViolation(
                        ErrorCode.OVERLAPPING_ENROLLMENT, "A session overlaps 'Calligraphy' (" + clash + ")", clash));
            }
            return command instanceof ListHeldEnrollmentsCommand ? Map.of(clash, "e-9") : null;
        });
    }


    @Test
    void aRequestHoldsTheChildsTimeAndThenHasTheCourseDecide() {
        fixture.givenNoPriorActivity()
               .whenAggregate(COURSE).publishes(REQUESTED)
               .expectActiveSagas(1)
               .expectAssociationWith("courseId", COURSE)
               .expectDispatchedCommands(reserve(0), new ConfirmEnrollmentCommand(COURSE, "e-1"));
    }

    @Test
    void anOverlapIsRecordedOnTheCourseAsTheRequestsRefusalNamingTheClash() {
        scheduleRefuses("course-2");
        fixture.givenNoPriorActivity()
               .whenAggregate(COURSE).publishes(REQUESTED)
               .expectDispatchedCommands(reserve(0), new ListHeldEnrollmentsCommand(CHILD),
                                         new CheckEnrollmentHeldCommand("course-2", "e-9"),
                                         new RejectEnrollmentCommand(COURSE, "e-1", ErrorCode.OVERLAPPING_ENROLLMENT,
                                                                     "A session overlaps 'Calligraphy' (course-2)",
                                                                     "course-2"));
    }

    @Test
    void timeWhoseEnrollmentNoLongerStandsIsGivenBackAndTheRequestHeldAgain() {
        // course-2's withdrawal is decided, its process (in another segment) has not given the time back yet
        List<Object> sent = new ArrayList<>();
        fixture.setCallbackBehavior((command, metaData) -> {
            sent.add(command);
            if (command instanceof ReserveCourseSlotsCommand && sent.stream().noneMatch(
                    ReleaseCourseSlotsCommand.class::isInstance)) {
                throw new CommandExecutionException("overlaps", null, new RuleViolation(
                        ErrorCode.OVERLAPPING_ENROLLMENT, "A session overlaps 'Calligraphy' (course-2)", "course-2"));
            }
            if (command instanceof ListHeldEnrollmentsCommand) {
                return Map.of("course-2", "e-9");
            }
            return command instanceof CheckEnrollmentHeldCommand ? 7L : null;
        });
        fixture.givenNoPriorActivity()
               .whenAggregate(COURSE).publishes(REQUESTED)
               .expectDispatchedCommands(reserve(0), new ListHeldEnrollmentsCommand(CHILD),
                                         new CheckEnrollmentHeldCommand("course-2", "e-9"),
                                         new ReleaseCourseSlotsCommand(CHILD, "course-2", "e-9", 7),
                                         reserve(0), new ConfirmEnrollmentCommand(COURSE, "e-1"));
    }

    @Test
    void aRefusedRequestGivesBackWhatItHeldAndEnds() {
        // refused by the course after the time was held (it closed meanwhile), or by the schedule (nothing held: the
        // release changes nothing)
        fixture.givenAggregate(COURSE).published(REQUESTED)
               .whenAggregate(COURSE).publishes(new EnrollmentRejectedEvent(COURSE, "e-1", ErrorCode.COURSE_NOT_OPEN,
                                                                            "closed", null))
               .expectActiveSagas(0)
               .expectDispatchedCommands(new ReleaseCourseSlotsCommand(CHILD, COURSE, "e-1", 1));
    }

    @Test
    void aSeatOrQueuePlaceKeepsTheTimeHeld() {
        fixture.givenAggregate(COURSE).published(REQUESTED)
               .whenAggregate(COURSE).publishes(new ChildEnrolledEvent(COURSE, "e-1", "lihua", "Li Xiaoming", 3, 2, 0))
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
    }

    @Test
    void aMovedSessionMovesTheHeldTime() {
        CourseSession moved = new CourseSession(2, session(2).startsAt().plusSeconds(86400),
                                                session(2).endsAt().plusSeconds(86400), "Room 5");
        fixture.givenAggregate(COURSE).published(REQUESTED,
                                                 new ChildEnrolledEvent(COURSE, "e-1", "lihua", "Li Xiaoming", 3, 2, 0))
               .whenAggregate(COURSE).publishes(new CourseSessionRescheduledEvent(COURSE, session(2), moved, "fair"))
               .expectActiveSagas(1)
               .expectDispatchedCommands(new MoveCourseSlotsCommand(CHILD, COURSE, "e-1", spans(session(1), moved),
                                                                    2));
    }

    @Test
    void aCancelledSessionNoLongerHoldsTime() {
        fixture.givenAggregate(COURSE).published(REQUESTED)
               .whenAggregate(COURSE).publishes(new CourseSessionCancelledEvent(COURSE, session(1), "holiday"))
               .expectActiveSagas(1)
               .expectDispatchedCommands(new MoveCourseSlotsCommand(CHILD, COURSE, "e-1", spans(session(2)), 1));
    }

    @Test
    void aWithdrawalGivesTheTimeBackAndEnds() {
        fixture.givenAggregate(COURSE).published(REQUESTED,
                                                 new ChildEnrolledEvent(COURSE, "e-1", "lihua", "Li Xiaoming", 3, 2, 0))
               .whenAggregate(COURSE).publishes(new EnrollmentWithdrawnEvent(COURSE, "e-1", "lihua", true))
               .expectActiveSagas(0)
               .expectDispatchedCommands(new ReleaseCourseSlotsCommand(CHILD, COURSE, "e-1", 2));
    }

    @Test
    void anotherEnrollmentsWithdrawalChangesNothingHere() {
        fixture.givenAggregate(COURSE).published(REQUESTED)
               .whenAggregate(COURSE).publishes(new EnrollmentWithdrawnEvent(COURSE, "e-2", "wang", true))
               .expectActiveSagas(1)
               .expectNoDispatchedCommands();
    }

    @Test
    void aCompletedCourseEndsTheProcessAndTheTimeStaysAsRecord() {
        fixture.givenAggregate(COURSE).published(REQUESTED)
               .whenAggregate(COURSE).publishes(new CourseCompletedEvent(COURSE, 2, List.of()))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }

    @Test
    void timeHeldBeforeTheProcessIsAdoptedAndThenMovedAndReleasedLikeAnyOther() {
        EnrollmentAdoptedEvent adopted = new EnrollmentAdoptedEvent(COURSE, "e-1", CHILD, "Paper cutting",
                                                                    List.of(session(1), session(2)));
        fixture.givenNoPriorActivity()
               .whenAggregate(COURSE).publishes(adopted)
               .expectActiveSagas(1)
               .expectDispatchedCommands(reserve(0));
        fixture = new SagaTestFixture<>(EnrollmentProcess.class);
        fixture.registerResource(new OwnCommits(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus())
                                                                     .build(), Runnable::run));
        fixture.givenAggregate(COURSE).published(adopted)
               .whenAggregate(COURSE).publishes(new EnrollmentWithdrawnEvent(COURSE, "e-1", "lihua", true))
               .expectActiveSagas(0)
               .expectDispatchedCommands(new ReleaseCourseSlotsCommand(CHILD, COURSE, "e-1", 1));
    }

    @Test
    void anAdoptedEnrollmentWhoseTimeOverlapsStaysAndIsNotRefused() {
        scheduleRefuses("course-2");
        fixture.givenNoPriorActivity()
               .whenAggregate(COURSE).publishes(new EnrollmentAdoptedEvent(COURSE, "e-1", CHILD, "Paper cutting",
                                                                           List.of(session(1), session(2))))
               .expectActiveSagas(1)
               .expectDispatchedCommands(reserve(0), new ListHeldEnrollmentsCommand(CHILD),
                                         new CheckEnrollmentHeldCommand("course-2", "e-9"));
    }

    @Test
    void eventsOfEnrollmentsMadeBeforeTheProcessStartNoneAndSendNothing() {
        // what a run over an existing store from its start meets
        fixture.givenAggregate(COURSE).published(new ChildEnrolledEvent(COURSE, "e-0", "lihua", "Li Xiaoming", 3, 2, 0),
                                                 new CourseSessionCancelledEvent(COURSE, session(2), "holiday"))
               .whenAggregate(COURSE).publishes(new EnrollmentWithdrawnEvent(COURSE, "e-0", "lihua", true))
               .expectActiveSagas(0)
               .expectNoDispatchedCommands();
    }
}
