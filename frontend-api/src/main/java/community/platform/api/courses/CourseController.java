package community.platform.api.courses;

import community.platform.shared.courses.CourseCompletion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
import java.util.List;

/** The Sunshine 330 courses section of docs/api.md: HTTP to {@link Courses} and back. */
@Tag(name = "Courses")
@RestController
class CourseController {

    private final Courses courses;

    CourseController(Courses courses) {
        this.courses = courses;
    }

    @Operation(summary = "Create a course, as a draft until it is published")
    @PostMapping("/api/courses")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<CourseResponse>> create(@Valid @RequestBody CourseRequests.Create request,
                                                Authentication caller, ServerWebExchange exchange) {
        return courses.create(request, caller, exchange)
                      .map(course -> ResponseEntity.created(Courses.location(course.id())).body(course));
    }

    @Operation(summary = "Publish the course: enrollment opens", operationId = "publishCourse")
    @PostMapping("/api/courses/{id}/publication")
    Mono<CourseResponse> publish(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return courses.publish(id, caller, exchange);
    }

    @Operation(summary = "The course catalogue, by grade and open seats")
    @GetMapping("/api/courses")
    Mono<List<CourseResponse>> catalogue(@RequestParam(required = false) Integer grade,
                                         @RequestParam(defaultValue = "false") boolean openSeats,
                                         @RequestParam(required = false) String neighbourhood) {
        return courses.catalogue(grade, openSeats, neighbourhood);
    }

    @Operation(summary = "A course with its sessions", operationId = "getCourse")
    @GetMapping("/api/courses/{id}")
    Mono<CourseResponse> detail(@PathVariable String id) {
        return courses.detail(id);
    }

    @Operation(summary = "Move a session to another date, time or room", operationId = "rescheduleCourseSession")
    @PutMapping("/api/courses/{id}/sessions/{sessionNo}")
    Mono<CourseResponse> reschedule(@PathVariable String id, @PathVariable int sessionNo,
                                    @Valid @RequestBody CourseRequests.Reschedule request, Authentication caller,
                                    ServerWebExchange exchange) {
        return courses.reschedule(id, sessionNo, request, caller, exchange);
    }

    @Operation(summary = "Cancel one session of the course")
    @PostMapping("/api/courses/{id}/sessions/{sessionNo}/cancellation")
    Mono<CourseResponse> cancelSession(@PathVariable String id, @PathVariable int sessionNo,
                                       @Valid @RequestBody CourseRequests.Cancel request, Authentication caller,
                                       ServerWebExchange exchange) {
        return courses.cancelSession(id, sessionNo, request.reason(), caller, exchange);
    }

    @Operation(summary = "Enroll the caller's child: a seat, or a place on the waitlist")
    @PostMapping("/api/courses/{id}/enrollments")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<EnrollmentResponse>> enroll(@PathVariable String id,
                                                    @Valid @RequestBody CourseRequests.Enroll request,
                                                    Authentication caller, ServerWebExchange exchange) {
        return courses.enroll(id, request, caller, exchange)
                      .map(enrollment -> ResponseEntity.created(URI.create(
                              Courses.location(id) + "/enrollments/" + enrollment.enrollmentId())).body(enrollment));
    }

    @Operation(summary = "Withdraw the caller's child from the course", operationId = "withdrawEnrollment")
    @DeleteMapping("/api/courses/{id}/enrollments/{enrollmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> withdraw(@PathVariable String id, @PathVariable String enrollmentId, Authentication caller,
                        ServerWebExchange exchange) {
        return courses.withdraw(id, enrollmentId, caller, exchange);
    }

    @Operation(summary = "The children enrolled and waiting", operationId = "getCourseRoster")
    @GetMapping("/api/courses/{id}/roster")
    Mono<CourseRoster> roster(@PathVariable String id, Authentication caller) {
        return courses.roster(id, caller);
    }

    @Operation(summary = "Mark who came to a session", operationId = "markSessionAttendance")
    @PutMapping("/api/courses/{id}/sessions/{sessionNo}/attendance")
    Mono<SessionMarks> attendance(@PathVariable String id, @PathVariable int sessionNo,
                                  @Valid @RequestBody CourseRequests.Attendance request, Authentication caller,
                                  ServerWebExchange exchange) {
        return courses.attendance(id, sessionNo, request, caller, exchange);
    }

    @Operation(summary = "The attendance sheet: a row per enrolled child, a column per session")
    @GetMapping("/api/courses/{id}/attendance")
    Mono<AttendanceSheet> sheet(@PathVariable String id, Authentication caller) {
        return courses.sheet(id, caller);
    }

    @Operation(summary = "Give feedback on the course as the guardian of a child who attended")
    @PostMapping("/api/courses/{id}/feedback")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<FeedbackResponse>> feedback(@PathVariable String id,
                                                    @Valid @RequestBody CourseRequests.Feedback request,
                                                    Authentication caller, ServerWebExchange exchange) {
        return courses.feedback(id, request.rating(), request.comment(), request.enrollmentId(), caller, exchange)
                      .map(given -> ResponseEntity.status(HttpStatus.CREATED).body(given));
    }

    @Operation(summary = "The course's average rating, with the comments for its organizer and auditors")
    @GetMapping("/api/courses/{id}/feedback")
    Mono<FeedbackSummary> feedbackSummary(@PathVariable String id, Authentication caller) {
        return courses.feedbackSummary(id, caller);
    }

    @Operation(summary = "Complete the course: each enrolled child's completion record is kept")
    @PostMapping("/api/courses/{id}/completion")
    Mono<CourseResponse> complete(@PathVariable String id, Authentication caller, ServerWebExchange exchange) {
        return courses.complete(id, caller, exchange);
    }

    @Operation(summary = "The completion records the caller may see")
    @GetMapping("/api/courses/{id}/completions")
    Mono<List<CourseCompletion>> completions(@PathVariable String id, Authentication caller) {
        return courses.completions(id, caller);
    }

    @Operation(summary = "The caller's children with their courses, attendance and completions")
    @GetMapping("/api/children/me")
    Mono<List<ChildCourses>> children(Authentication caller) {
        return courses.children(caller);
    }
}
