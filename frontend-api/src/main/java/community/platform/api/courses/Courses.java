package community.platform.api.courses;

import community.platform.api.personal.AuditorsView;
import community.platform.api.security.Callers;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.RuleViolation;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CancelCourseSessionCommand;
import community.platform.shared.courses.CompleteCourseCommand;
import community.platform.shared.courses.CourseAttendanceRate;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CourseSummary;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.EnrollmentDecision;
import community.platform.shared.courses.FindCourseAttendanceRateQuery;
import community.platform.shared.courses.FindCourseQuery;
import community.platform.shared.courses.FindCourseSummaryQuery;
import community.platform.shared.courses.FindEnrollmentDecisionQuery;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import community.platform.shared.courses.GiveCourseFeedbackCommand;
import community.platform.shared.courses.ListCoursesQuery;
import community.platform.shared.courses.MarkAttendanceCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.courses.RescheduleCourseSessionCommand;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import community.platform.shared.neighbourhoods.Neighbourhoods;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What guardians and organizers do with Sunshine 330 courses, for the API and the pages alike: each intention is one
 * command, answered once the views show it. Enrolling waits for the enrollment process's decision (a seat, a queue
 * place, or the overlap that refused it); holding and giving back the child's time is that process's work, not this.
 */
@Service
public class Courses {

    private final Commands commands;
    private final Views views;

    Courses(Commands commands, Views views) {
        this.commands = commands;
        this.views = views;
    }

    /** Where a course is read. */
    public static URI location(String courseId) {
        return URI.create("/api/courses/" + courseId);
    }

    public Mono<CourseResponse> create(CourseRequests.Create request, Authentication caller,
                                       ServerWebExchange exchange) {
        String courseId = IdempotencyKeys.newId(exchange, "course-");
        List<CourseSession> sessions = request.sessions().stream()
                .map(s -> new CourseSession(0, s.span().startsAt(), s.span().endsAt(), s.room().strip()))
                .toList();
        return commands.send(new CreateCourseCommand(courseId, caller.getName(), request.title(),
                                                     request.description(), request.instructor(),
                                                     request.minGrade(), request.maxGrade(), request.capacity(),
                                                     sessions, Neighbourhoods.orDefault(request.neighbourhoodId())),
                             exchange)
                       .then(shown(courseId, 0)).map(CourseResponse::of);
    }

    public Mono<CourseResponse> publish(String id, Authentication caller, ServerWebExchange exchange) {
        return change(id, new PublishCourseCommand(id, caller.getName()), exchange).map(CourseResponse::of);
    }

    public Mono<List<CourseResponse>> catalogue(Integer grade, boolean openSeats, String neighbourhood) {
        return views.list(new ListCoursesQuery(grade, openSeats, null, neighbourhood), CourseSummary.class)
                    .map(courses -> courses.stream().map(CourseResponse::of).toList());
    }

    public Mono<CourseResponse> detail(String id) {
        return views.existing(new FindCourseSummaryQuery(id), CourseSummary.class, "There is no course " + id)
                    .map(CourseResponse::of);
    }

    /** The enrollment process moves the time held for every child enrolled or waiting. */
    public Mono<CourseResponse> reschedule(String id, int sessionNo, CourseRequests.Reschedule request,
                                           Authentication caller, ServerWebExchange exchange) {
        return change(id, new RescheduleCourseSessionCommand(id, caller.getName(), sessionNo, request.span(),
                                                             request.room(), request.reason()), exchange)
                .map(CourseResponse::of);
    }

    public Mono<CourseResponse> cancelSession(String id, int sessionNo, String reason, Authentication caller,
                                              ServerWebExchange exchange) {
        return change(id, new CancelCourseSessionCommand(id, caller.getName(), sessionNo, reason.strip()), exchange)
                .map(CourseResponse::of);
    }

    /**
     * Asks for a place for the caller's child, with the guardian's consent to the children's data notice, and answers
     * the decision once the course's view shows it; a refusal (the child's time overlaps another course) fails as the
     * command would have, naming that course.
     */
    public Mono<EnrollmentResponse> enroll(String id, CourseRequests.Enroll request, Authentication caller,
                                           ServerWebExchange exchange) {
        String enrollmentId = IdempotencyKeys.newId(exchange, "enr-");
        return commands.send(new EnrollChildCommand(id, enrollmentId, caller.getName(), request.childName().strip(),
                                                    request.childGrade(), request.consented(),
                                                    request.consentVersion()), exchange)
                       .then(views.visible(new FindEnrollmentDecisionQuery(id, enrollmentId), EnrollmentDecision.class,
                                           decision -> true))
                       // the course's own view holds the decision already: it is written after the courses' documents
                       .flatMap(decision -> decision.refusal() != null
                               ? Mono.error(refused(decision.refusal()))
                               : listed(id, decision.outcome().version()).thenReturn(new EnrollmentResponse(
                                       enrollmentId, decision.outcome().status(),
                                       decision.outcome().waitlistPosition())));
    }

    /** The enrollment process gives the child's time back. */
    public Mono<Void> withdraw(String id, String enrollmentId, Authentication caller, ServerWebExchange exchange) {
        return change(id, new WithdrawEnrollmentCommand(id, enrollmentId, caller.getName()), exchange).then();
    }

    public Mono<CourseRoster> roster(String id, Authentication caller) {
        return organizerOrAuditor(id, caller).map(CourseRoster::of);
    }

    /** Marks for one session; answers the session's marks as they now stand. */
    public Mono<SessionMarks> attendance(String id, int sessionNo, CourseRequests.Attendance request,
                                         Authentication caller, ServerWebExchange exchange) {
        List<MarkAttendanceCommand.Mark> marks = new ArrayList<>();
        add(marks, request.present(), AttendanceMark.PRESENT);
        add(marks, request.absent(), AttendanceMark.ABSENT);
        add(marks, request.late(), AttendanceMark.LATE);
        add(marks, request.excused(), AttendanceMark.EXCUSED);
        return marked(id, new MarkAttendanceCommand(id, caller.getName(), sessionNo, marks, request.reason()), exchange)
                .map(course -> SessionMarks.of(course, sessionNo));
    }

    /** The sheet: a row per enrolled child, a column per session, the latest mark in each cell. */
    public Mono<AttendanceSheet> sheet(String id, Authentication caller) {
        return organizerOrAuditor(id, caller).map(AttendanceSheet::of);
    }

    /** The course's attendance rate, from the rates view (a page's sheet shows it). */
    public Mono<CourseAttendanceRate> attendanceRate(String id) {
        return views.existing(new FindCourseAttendanceRateQuery(id), CourseAttendanceRate.class,
                              "There is no course " + id);
    }

    public Mono<FeedbackResponse> feedback(String id, Integer rating, String comment, String enrollmentId,
                                           Authentication caller, ServerWebExchange exchange) {
        return marked(id, new GiveCourseFeedbackCommand(id, caller.getName(), enrollmentId, rating, comment), exchange)
                .map(course -> {
                    CourseDetails.Feedback given = course.feedback().stream()
                            .filter(f -> f.guardian().equals(caller.getName())).reduce((a, b) -> b).orElseThrow();
                    return new FeedbackResponse(given.enrollmentId(), given.rating(), given.comment());
                });
    }

    /** The average and count for everyone; the comments too for the organizer, and masked for auditors. */
    public Mono<FeedbackSummary> feedbackSummary(String id, Authentication caller) {
        return course(id).map(course -> FeedbackSummary.of(AuditorsView.of(course, caller),
                                                           mayOversee(course, caller)));
    }

    public Mono<CourseResponse> complete(String id, Authentication caller, ServerWebExchange exchange) {
        return change(id, new CompleteCourseCommand(id, caller.getName()), exchange).map(CourseResponse::of);
    }

    /** Every record for the organizer and auditors; a guardian sees their own children's. */
    public Mono<List<CourseCompletion>> completions(String id, Authentication caller) {
        return course(id).map(course -> {
            if (mayOversee(course, caller)) {
                return AuditorsView.of(course, caller).completions();
            }
            List<CourseCompletion> own = course.completions().stream()
                                               .filter(c -> c.guardian().equals(caller.getName())).toList();
            boolean guardian = course.enrolled().stream().anyMatch(e -> e.guardian().equals(caller.getName()));
            if (own.isEmpty() && !guardian) {
                throw forbidden("Only the course's organizer, auditors and its children's guardians see completions");
            }
            return own;
        });
    }

    /**
     * The caller's children, each with their courses: the place held, attendance so far against the sessions held so
     * far, and the completion record once the course is completed.
     */
    public Mono<List<ChildCourses>> children(Authentication caller) {
        return views.list(new FindGuardianCoursesQuery(caller.getName()), CourseDetails.class)
                    .map(courses -> ChildCourses.of(caller.getName(), courses, GenericEventMessage.clock.instant()));
    }

    /**
     * Sends a command that answers the course's version, and answers the course as the catalogue shows it once both
     * its views show the change.
     */
    private Mono<CourseSummary> change(String id, Object command, ServerWebExchange exchange) {
        return commands.<Long>send(command, exchange).flatMap(version -> shown(id, version));
    }

    private Mono<CourseSummary> shown(String id, long version) {
        return Mono.zip(caughtUp(id, version), listed(id, version), (course, summary) -> summary);
    }

    /**
     * For what only the course's own view shows (attendance, feedback): sends a command that answers the course's
     * version, and answers the course once that view shows it.
     */
    private Mono<CourseDetails> marked(String id, Object command, ServerWebExchange exchange) {
        return commands.<Long>send(command, exchange).flatMap(version -> caughtUp(id, version));
    }

    private Mono<CourseDetails> caughtUp(String id, long version) {
        return views.visible(new FindCourseQuery(id), CourseDetails.class, course -> course.version() >= version);
    }

    /** The course as the catalogue shows it once it holds {@code version}. */
    private Mono<CourseSummary> listed(String id, long version) {
        return views.visible(new FindCourseSummaryQuery(id), CourseSummary.class,
                             course -> course.version() >= version);
    }

    private Mono<CourseDetails> course(String id) {
        return views.existing(new FindCourseQuery(id), CourseDetails.class, "There is no course " + id);
    }

    private Mono<CourseDetails> organizerOrAuditor(String id, Authentication caller) {
        return course(id).filter(course -> mayOversee(course, caller))
                         .map(course -> AuditorsView.of(course, caller))
                         .switchIfEmpty(Mono.error(() -> forbidden("Only the course's organizer and auditors see this")));
    }


    private static boolean mayOversee(CourseDetails course, Authentication caller) {
        return Callers.organizerOrAuditor(caller, course.organizer());
    }

    private static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(Problems.forbidden(detail));
    }

    /** A refusal the process recorded, failing as the refused command would: one problem for both. */
    private static CommandExecutionException refused(RuleViolation refusal) {
        return new CommandExecutionException(refusal.detail(), null, refusal);
    }

    private static void add(List<MarkAttendanceCommand.Mark> marks, List<String> ids, AttendanceMark mark) {
        if (ids != null) {
            ids.forEach(enrollmentId -> marks.add(new MarkAttendanceCommand.Mark(enrollmentId.strip(), mark)));
        }
    }
}
