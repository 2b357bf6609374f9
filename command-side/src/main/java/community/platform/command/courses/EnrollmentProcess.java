package community.platform.command.courses;

import community.platform.command.handling.OwnCommits;
import community.platform.shared.ErrorCode;
import community.platform.shared.RuleViolation;
import community.platform.shared.courses.CheckEnrollmentHeldCommand;
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
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One enrollment's hold on the child's time, from the request to the withdrawal: "no overlapping courses per child"
 * spans the course and the child's schedule. On a request it holds the course's sessions in the child's
 * {@link ChildSchedule}, then has the course decide seat or queue; an overlap is recorded on the course as the
 * request's refusal, and a course that closed meanwhile refuses itself, whereupon the time is given back. While the
 * enrollment lasts, the held time follows each session moved or cancelled, and a withdrawal gives it back.
 *
 * <p>The processes of different enrollments run side by side, in the segments of their processor; the course gives
 * seats and queue places in the order the requests were made, whatever order their processes confirm them in. A child's
 * withdrawal and next request may so be handled out of order: a request refused for time whose enrollment no longer
 * stands gives that time back itself ({@link #reserve}).
 *
 * <p>A step runs again when the process dies before the processor stores its token, and the whole process may run
 * again over old events: the schedule's commands name the enrollment and the course version they follow, so an older
 * or repeated one changes nothing, and the course decides each request once. Enrollments made before this process (no
 * request event) start none; the course hands them over ({@link EnrollmentAdoptedEvent}) before it next moves or
 * releases their time.
 */
@Saga
public class EnrollmentProcess {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentProcess.class);
    /** A child holds time in a few courses at most; a bound all the same, so a step cannot loop. */
    private static final int STALE_HOLDS_RELEASED_AT_MOST = 10;
    private String courseId;
    private String enrollmentId;
    private String scheduleId;
    private String title;
    /** The course's sessions not cancelled, by number: the time this enrollment holds. */
    private TreeMap<Integer, TimeSpan> sessions;

    @StartSaga
    @SagaEventHandler(associationProperty = "enrollmentId")
    void on(EnrollmentRequestedEvent event, @SequenceNumber long version, OwnCommits commands) {
        start(event.courseId(), event.enrollmentId(), event.scheduleId(), event.title(), event.sessions());
        Optional<RuleViolation> refused = reserve(version, commands);
        if (refused.isPresent()) {
            RuleViolation overlap = refused.get();
            commands.send(new RejectEnrollmentCommand(courseId, enrollmentId, overlap.code(), overlap.detail(),
                                                              overlap.subject()));
            return;
        }
        commands.send(new ConfirmEnrollmentCommand(courseId, enrollmentId));
    }

    /** Time held before this process: it is tagged with the enrollment (or held again if it was lost). */
    @StartSaga
    @SagaEventHandler(associationProperty = "enrollmentId")
    void on(EnrollmentAdoptedEvent event, @SequenceNumber long version, OwnCommits commands) {
        start(event.courseId(), event.enrollmentId(), event.scheduleId(), event.title(), event.sessions());
        reserve(version, commands).ifPresent(overlap -> log.warn(
                "Enrollment {} in {} holds no time in {}: {}", enrollmentId, courseId, scheduleId, overlap.detail()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "enrollmentId")
    void on(EnrollmentRejectedEvent event, @SequenceNumber long version, OwnCommits commands) {
        release(version, commands);
    }

    @SagaEventHandler(associationProperty = "courseId")
    void on(CourseSessionRescheduledEvent event, @SequenceNumber long version, OwnCommits commands) {
        sessions.put(event.session().number(), event.session().span());
        commands.send(new MoveCourseSlotsCommand(scheduleId, courseId, enrollmentId, spans(), version));
    }

    @SagaEventHandler(associationProperty = "courseId")
    void on(CourseSessionCancelledEvent event, @SequenceNumber long version, OwnCommits commands) {
        sessions.remove(event.session().number());
        commands.send(new MoveCourseSlotsCommand(scheduleId, courseId, enrollmentId, spans(), version));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "enrollmentId")
    void on(EnrollmentWithdrawnEvent event, @SequenceNumber long version, OwnCommits commands) {
        release(version, commands);
    }

    /** The sessions are over: the time held stays as the child's record, and nothing moves it any more. */
    @EndSaga
    @SagaEventHandler(associationProperty = "courseId")
    void on(CourseCompletedEvent event) {
        // nothing to give back
    }

    private void start(String courseId, String enrollmentId, String scheduleId, String title,
                       List<CourseSession> held) {
        this.courseId = courseId;
        this.enrollmentId = enrollmentId;
        this.scheduleId = scheduleId;
        this.title = title;
        this.sessions = new TreeMap<>();
        held.forEach(session -> sessions.put(session.number(), session.span()));
        SagaLifecycle.associateWith("courseId", courseId);
    }

    /**
     * Empty when held (or held already); the overlap when the child's schedule refused and the enrollment whose time it
     * overlaps still stands. Time an enrollment no longer stands behind (withdrawn or refused, its process not there
     * yet) is given back here and the request held again.
     */
    private Optional<RuleViolation> reserve(long version, OwnCommits commands) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.send(new ReserveCourseSlotsCommand(scheduleId, courseId, enrollmentId, title, spans(),
                                                            version));
                return Optional.empty();
            } catch (CommandExecutionException refused) {
                RuleViolation overlap = refused.<RuleViolation>getDetails()
                                               .filter(v -> v.code() == ErrorCode.OVERLAPPING_ENROLLMENT)
                                               .orElseThrow(() -> refused);
                if (attempt == STALE_HOLDS_RELEASED_AT_MOST || !releasedStale(overlap.subject(), commands)) {
                    return Optional.of(overlap);
                }
            }
        }
    }

    /** Gives back the time held for {@code otherCourse} if its enrollment no longer stands behind it: true if so. */
    private boolean releasedStale(String otherCourse, OwnCommits commands) {
        String other = commands.<Map<String, String>>send(new ListHeldEnrollmentsCommand(scheduleId)).get(otherCourse);
        Long released = other == null ? null : commands.send(new CheckEnrollmentHeldCommand(otherCourse, other));
        if (released == null) {
            return false;
        }
        commands.send(new ReleaseCourseSlotsCommand(scheduleId, otherCourse, other, released));
        return true;
    }

    private void release(long version, OwnCommits commands) {
        commands.send(new ReleaseCourseSlotsCommand(scheduleId, courseId, enrollmentId, version));
    }

    private List<TimeSpan> spans() {
        return List.copyOf(sessions.values());
    }

    /** Axon makes a new saga with a public constructor of a public class, so the class cannot be package-private. */
    public EnrollmentProcess() {
        // required by Axon
    }
}
