package community.platform.api.courses;

import com.fasterxml.jackson.annotation.JsonInclude;
import community.platform.api.security.Callers;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Commands;
import community.platform.api.web.IdempotencyKeys;
import community.platform.api.web.Holds;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CancelCourseSessionCommand;
import community.platform.shared.courses.CompleteCourseCommand;
import community.platform.shared.courses.CourseCompletion;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.CourseDetails.Enrollment;
import community.platform.shared.courses.CourseSession;
import community.platform.shared.courses.CreateCourseCommand;
import community.platform.shared.courses.EnrollChildCommand;
import community.platform.shared.courses.EnrollmentOutcome;
import community.platform.shared.courses.FindCourseQuery;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import community.platform.shared.courses.GiveCourseFeedbackCommand;
import community.platform.shared.courses.ListCoursesQuery;
import community.platform.shared.courses.MarkAttendanceCommand;
import community.platform.shared.courses.PublishCourseCommand;
import community.platform.shared.courses.RescheduleCourseSessionCommand;
import community.platform.shared.courses.WithdrawEnrollmentCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The Sunshine 330 courses section of docs/api.md. */
@Tag(name = "Courses")
@RestController
public class CourseController {

    private final Commands commands;
    private final Views views;
    private final ChildSchedules schedules;

    public CourseController(Commands commands, Views views, ChildSchedules schedules) {
        this.commands = commands;
        this.views = views;
        this.schedules = schedules;
    }

    @Operation(summary = "Create a course, as a draft until it is published")
    @PostMapping("/api/courses")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<CourseResponse>> create(
            @Valid @RequestBody CourseRequests.Create request, Authentication caller, ServerWebExchange exchange) {
        String courseId = IdempotencyKeys.newId(exchange, "course-");
        List<CourseSession> sessions = request.sessions().stream()
                .map(s -> new CourseSession(0, s.span().startsAt(), s.span().endsAt(), s.room().strip()))
                .toList();
        return commands.send(new CreateCourseCommand(courseId, caller.getName(), request.title(),
                                                     request.description(), request.instructor(),
                                                     request.minGrade(), request.maxGrade(), request.capacity(),
                                                     sessions), exchange)
                       .then(views.visible(new FindCourseQuery(courseId), CourseDetails.class, course -> true))
                       .map(course -> ResponseEntity.created(URI.create("/api/courses/" + courseId))
                                                    .body(CourseResponse.of(course)));
    }

    @Operation(summary = "Publish the course: enrollment opens", operationId = "publishCourse")
    @PostMapping("/api/courses/{id}/publication")
    public Mono<CourseResponse> publish(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return change(id, new PublishCourseCommand(id, caller.getName()), exchange).map(CourseResponse::of);
    }

    @Operation(summary = "The course catalogue, by grade and open seats")
    @GetMapping("/api/courses")
    public Mono<List<CourseResponse>> catalogue(@RequestParam(required = false) Integer grade,
                                                @RequestParam(defaultValue = "false") boolean openSeats) {
        return views.list(new ListCoursesQuery(grade, openSeats), CourseDetails.class)
                    .map(courses -> courses.stream().map(CourseResponse::of).toList());
    }

    @Operation(summary = "A course with its sessions", operationId = "getCourse")
    @GetMapping("/api/courses/{id}")
    public Mono<CourseResponse> detail(@PathVariable String id) {
        return course(id).map(CourseResponse::of);
    }

    @Operation(summary = "Move a session to another date, time or room", operationId = "rescheduleCourseSession")
    @PutMapping("/api/courses/{id}/sessions/{sessionNo}")
    public Mono<CourseResponse> reschedule(@PathVariable String id, @PathVariable int sessionNo,
                                           @Valid @RequestBody CourseRequests.Reschedule request,
                                           Authentication caller, ServerWebExchange exchange) {
        return change(id, new RescheduleCourseSessionCommand(id, caller.getName(), sessionNo, request.span(),
                                                             request.room(), request.reason()), exchange)
                .flatMap(course -> schedules.move(course, exchange).thenReturn(CourseResponse.of(course)));
    }

    @Operation(summary = "Cancel one session of the course")
    @PostMapping("/api/courses/{id}/sessions/{sessionNo}/cancellation")
    public Mono<CourseResponse> cancelSession(@PathVariable String id, @PathVariable int sessionNo,
                                              @Valid @RequestBody CourseRequests.Cancel request,
                                              Authentication caller, ServerWebExchange exchange) {
        return change(id, new CancelCourseSessionCommand(id, caller.getName(), sessionNo, request.reason().strip()),
                      exchange)
                .flatMap(course -> schedules.move(course, exchange).thenReturn(CourseResponse.of(course)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnrollmentResponse(String enrollmentId, EnrollmentOutcome.Status status, Integer waitlistPosition) {
    }

    /**
     * Enrolls the caller's child: first the child's schedule holds the course's time (refused when it overlaps a
     * course the child holds), then the course decides seat or queue. If the course refuses, the time is released.
     */
    @Operation(summary = "Enroll the caller's child: a seat, or a place on the waitlist")
    @PostMapping("/api/courses/{id}/enrollments")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<EnrollmentResponse>> enroll(@PathVariable String id,
                                                           @Valid @RequestBody CourseRequests.Enroll request,
                                                           Authentication caller, ServerWebExchange exchange) {
        String guardian = caller.getName();
        String childName = request.childName().strip();
        String enrollmentId = IdempotencyKeys.newId(exchange, "enr-");
        return course(id).flatMap(course -> Holds.thenJoin(
                                 schedules.hold(guardian, childName, course, exchange),
                                 commands.<EnrollmentOutcome>send(new EnrollChildCommand(id, enrollmentId, guardian,
                                                                                         childName,
                                                                                         request.childGrade()),
                                                                  exchange),
                                 ErrorCode.ALREADY_ENROLLED, schedules.release(guardian, childName, id, exchange)))
                         .flatMap(outcome -> caughtUp(id, outcome.version()).thenReturn(
                                 ResponseEntity.created(URI.create("/api/courses/" + id + "/enrollments/"
                                                                           + enrollmentId))
                                               .body(new EnrollmentResponse(enrollmentId, outcome.status(),
                                                                            outcome.waitlistPosition()))));
    }

    @Operation(summary = "Withdraw the caller's child from the course", operationId = "withdrawEnrollment")
    @DeleteMapping("/api/courses/{id}/enrollments/{enrollmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> withdraw(@PathVariable String id, @PathVariable String enrollmentId, Authentication caller,
                               ServerWebExchange exchange) {
        return course(id).flatMap(course -> {
            String childName = course.enrollment(enrollmentId).map(Enrollment::childName).orElse(null);
            return change(id, new WithdrawEnrollmentCommand(id, enrollmentId, caller.getName()), exchange)
                    .then(childName == null ? Mono.empty()
                                            : schedules.release(caller.getName(), childName, id, exchange));
        });
    }

    @Operation(summary = "The children enrolled and waiting", operationId = "getCourseRoster")
    @GetMapping("/api/courses/{id}/roster")
    public Mono<CourseRoster> roster(@PathVariable String id, Authentication caller) {
        return organizerOrAuditor(id, caller).map(CourseRoster::of);
    }

    /** Marks for one session; answers the session's marks as they now stand. */
    @Operation(summary = "Mark who came to a session", operationId = "markSessionAttendance")
    @PutMapping("/api/courses/{id}/sessions/{sessionNo}/attendance")
    public Mono<SessionMarks> attendance(@PathVariable String id, @PathVariable int sessionNo,
                                                @Valid @RequestBody CourseRequests.Attendance request,
                                                Authentication caller, ServerWebExchange exchange) {
        List<MarkAttendanceCommand.Mark> marks = new ArrayList<>();
        add(marks, request.present(), AttendanceMark.PRESENT);
        add(marks, request.absent(), AttendanceMark.ABSENT);
        add(marks, request.late(), AttendanceMark.LATE);
        add(marks, request.excused(), AttendanceMark.EXCUSED);
        return change(id, new MarkAttendanceCommand(id, caller.getName(), sessionNo, marks, request.reason()), exchange)
                .map(course -> SessionMarks.of(course, sessionNo));
    }

    /** The sheet: a row per enrolled child, a column per session, the latest mark in each cell. */
    @Operation(summary = "The attendance sheet: a row per enrolled child, a column per session")
    @GetMapping("/api/courses/{id}/attendance")
    public Mono<AttendanceSheet> sheet(@PathVariable String id, Authentication caller) {
        return organizerOrAuditor(id, caller).map(AttendanceSheet::of);
    }

    @Operation(summary = "Give feedback on the course as the guardian of a child who attended")
    @PostMapping("/api/courses/{id}/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ResponseEntity<FeedbackResponse>> feedback(@PathVariable String id,
                                                           @Valid @RequestBody CourseRequests.Feedback request,
                                                           Authentication caller, ServerWebExchange exchange) {
        return change(id, new GiveCourseFeedbackCommand(id, caller.getName(), request.enrollmentId(),
                                                        request.rating(), request.comment()), exchange)
                .map(course -> {
                    CourseDetails.Feedback given = course.feedback().stream()
                            .filter(f -> f.guardian().equals(caller.getName())).reduce((a, b) -> b).orElseThrow();
                    return ResponseEntity.status(HttpStatus.CREATED).body(new FeedbackResponse(
                            given.enrollmentId(), given.rating(), given.comment()));
                });
    }

    /** The average and count for everyone; the comments too for the organizer and auditors. */
    @Operation(summary = "The course's average rating, with the comments for its organizer and auditors")
    @GetMapping("/api/courses/{id}/feedback")
    public Mono<FeedbackSummary> feedbackSummary(@PathVariable String id, Authentication caller) {
        return course(id).map(course -> FeedbackSummary.of(course, mayOversee(course, caller)));
    }

    @Operation(summary = "Complete the course: each enrolled child's completion record is kept")
    @PostMapping("/api/courses/{id}/completion")
    public Mono<CourseResponse> complete(@PathVariable String id, Authentication caller,
                                         ServerWebExchange exchange) {
        return change(id, new CompleteCourseCommand(id, caller.getName()), exchange).map(CourseResponse::of);
    }

    /** Every record for the organizer and auditors; a guardian sees their own children's. */
    @Operation(summary = "The completion records the caller may see")
    @GetMapping("/api/courses/{id}/completions")
    public Mono<List<CourseCompletion>> completions(@PathVariable String id, Authentication caller) {
        return course(id).map(course -> {
            if (mayOversee(course, caller)) {
                return course.completions();
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

    /** Sends a command that answers the course's version, and answers the course once its view shows it. */
    private Mono<CourseDetails> change(String id, Object command, ServerWebExchange exchange) {
        return commands.<Long>send(command, exchange).flatMap(version -> caughtUp(id, version));
    }

    private Mono<CourseDetails> caughtUp(String id, long version) {
        return views.visible(new FindCourseQuery(id), CourseDetails.class, course -> course.version() >= version);
    }

    private Mono<CourseDetails> course(String id) {
        return views.existing(new FindCourseQuery(id), CourseDetails.class, "There is no course " + id);
    }

    private Mono<CourseDetails> organizerOrAuditor(String id, Authentication caller) {
        return course(id).filter(course -> mayOversee(course, caller)).switchIfEmpty(Mono.error(() -> forbidden(
                "Only the course's organizer and auditors see this")));
    }

    private static boolean mayOversee(CourseDetails course, Authentication caller) {
        return Callers.organizerOrAuditor(caller, course.organizer());
    }

    private static ApiProblemException forbidden(String detail) {
        return new ApiProblemException(Problems.forbidden(detail));
    }

    private static void add(List<MarkAttendanceCommand.Mark> marks, List<String> ids, AttendanceMark mark) {
        if (ids != null) {
            ids.forEach(enrollmentId -> marks.add(new MarkAttendanceCommand.Mark(enrollmentId.strip(), mark)));
        }
    }

    /**
     * The caller's children, each with their courses: the place held, attendance so far against the sessions held so
     * far, and the completion record once the course is completed.
     */
    @Operation(summary = "The caller's children with their courses, attendance and completions")
    @GetMapping("/api/children/me")
    public Mono<List<ChildCourses>> children(Authentication caller) {
        return views.list(new FindGuardianCoursesQuery(caller.getName()), CourseDetails.class)
                    .map(courses -> ChildCourses.of(caller.getName(), courses, GenericEventMessage.clock.instant()));
    }
}
