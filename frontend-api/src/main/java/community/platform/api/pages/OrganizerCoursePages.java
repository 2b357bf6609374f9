package community.platform.api.pages;

import community.platform.api.courses.AttendanceSheet;
import community.platform.api.courses.CourseRequests;
import community.platform.api.courses.CourseResponse;
import community.platform.api.courses.Courses;
import community.platform.api.pages.FormPage.Field;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Organizers' course pages: a new course with weekly sessions, its publication, and the attendance sheet. */
@Controller
public class OrganizerCoursePages {

    private static final List<String> MARKS = List.of("PRESENT", "LATE", "ABSENT", "EXCUSED");

    private final Courses courses;
    private final PageForms forms;
    private final MessageSource messages;

    OrganizerCoursePages(Courses courses, PageForms forms,
                         MessageSource messages) {
        this.courses = courses;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping("/organizer/courses/new")
    Rendering newCourse() {
        return courseForm(new CourseForm("", "", "", "1", "6", "", "", "", "15:30", "17:00", "", "", null))
                .render(Map.of(), HttpStatus.OK);
    }

    /** Creates the course as a draft, with a session a week from the first date; it opens when published. */
    @PostMapping("/organizer/courses")
    Mono<Rendering> create(@ModelAttribute CourseForm form, Authentication caller, ServerWebExchange exchange,
                           Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        CourseRequests.Create request = form.request(typed);
        Map<String, String> invalid = new LinkedHashMap<>();
        forms.invalidFields(typed, request, locale).forEach((field, message) -> invalid.putIfAbsent(
                CourseForm.fieldOf(field), message));
        return forms.send(courseForm(form), invalid,
                          () -> forms.created(caller, form.idempotencyKey(), request, exchange,
                                              () -> courses.create(request, caller, exchange)
                                                           .map(course -> ResponseEntity.created(
                                                                   Courses.location(course.id())).body(course)),
                                              "/organizer#course-"),
                          exchange, locale);
    }

    /** The form that moves one session to another date, times or room; the guardians are told. */
    @GetMapping("/organizer/courses/{id}/sessions/{sessionNo}")
    Mono<Rendering> editSession(@PathVariable String id, @PathVariable int sessionNo, ServerWebExchange exchange,
                                Locale locale) {
        return courses.detail(id)
                      .map(course -> course.sessions().stream().filter(s -> s.sessionNo() == sessionNo).findFirst()
                                           .map(s -> sessionForm(id, sessionNo, new SessionForm(
                                                   s.date().toString(), s.startTime(), s.endTime(), s.room(), ""))
                                                   .render(Map.of(), HttpStatus.OK))
                                           .orElseThrow(() -> new ApiProblemException(
                                                   Problems.notFound(
                                                           "The course has no session " + sessionNo))))
                      .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    @PostMapping("/organizer/courses/{id}/sessions/{sessionNo}")
    Mono<Rendering> moveSession(@PathVariable String id, @PathVariable int sessionNo, @ModelAttribute SessionForm form,
                                Authentication caller, ServerWebExchange exchange, Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        CourseRequests.Reschedule request = new CourseRequests.Reschedule(
                typed.date("date", form.date()), typed.clock("startTime", form.startTime()),
                typed.clock("endTime", form.endTime()), TypedFields.blankToNull(form.room()),
                TypedFields.blankToNull(form.reason()));
        return forms.send(sessionForm(id, sessionNo, form), forms.invalidFields(typed, request, locale),
                          () -> courses.reschedule(id, sessionNo, request, caller, exchange)
                                       .thenReturn("/organizer/courses/" + id + "/attendance?session=" + sessionNo),
                          exchange, locale);
    }

    /** A session's new date and times as typed (Beijing time); a blank room keeps the room. */
    public record SessionForm(String date, String startTime, String endTime, String room, String reason) {
    }

    private static FormPage sessionForm(String id, int sessionNo, SessionForm form) {
        return new FormPage("organizer.moveSession", "organizer.moveSessionIntro",
                            "/organizer/courses/" + id + "/sessions/" + sessionNo, "organizer.save", List.of(
                Field.of("date", "date", form.date()), Field.of("startTime", "time", form.startTime()),
                Field.of("endTime", "time", form.endTime()), Field.of("room", "text", form.room()),
                Field.of("reason", "text", form.reason())));
    }

    @PostMapping("/organizer/courses/{id}/publication")
    Mono<Rendering> publish(@PathVariable String id, Authentication caller, ServerWebExchange exchange,
                            Locale locale) {
        return courses.publish(id, caller, exchange)
                      .thenReturn(Rendering.redirectTo("/organizer#course-" + id).build())
                      .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /**
     * The sheet: a row per enrolled child, a column per session, each child's attended sessions; and the marks of one
     * session ({@code session}, else the last that has started) as a form to fill in or correct.
     */
    @GetMapping("/organizer/courses/{id}/attendance")
    Mono<Rendering> sheet(@PathVariable String id, @RequestParam(required = false) Integer session,
                          @RequestParam(required = false) String saved, Authentication caller,
                          ServerWebExchange exchange, Locale locale) {
        return sheetPage(id, session, caller, null, saved != null, HttpStatus.OK)
                .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** The marks of one session, a radio group per child ({@code mark-<enrollmentId>}); children left unmarked stay. */
    @PostMapping("/organizer/courses/{id}/attendance/{sessionNo}")
    Mono<Rendering> mark(@PathVariable String id, @PathVariable int sessionNo, Authentication caller,
                         ServerWebExchange exchange, Locale locale) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, List<String>> byMark = new LinkedHashMap<>();
            MARKS.forEach(mark -> byMark.put(mark, new ArrayList<>()));
            form.forEach((name, values) -> {
                if (name.startsWith("mark-") && byMark.containsKey(values.get(0))) {
                    byMark.get(values.get(0)).add(name.substring("mark-".length()));
                }
            });
            CourseRequests.Attendance request = new CourseRequests.Attendance(
                    byMark.get("PRESENT"), byMark.get("ABSENT"), byMark.get("LATE"), byMark.get("EXCUSED"),
                    TypedFields.blankToNull(form.getFirst("reason")));
            return courses.attendance(id, sessionNo, request, caller, exchange)
                          .thenReturn(Rendering.redirectTo("/organizer/courses/" + id + "/attendance?session="
                                                                   + sessionNo + "&saved=1").build());
        }).onErrorResume(failure -> forms.again(failure, exchange, locale, refusal -> sheetPage(
                id, sessionNo, caller, refusal.message(), false, refusal.status())));
    }

    private Mono<Rendering> sheetPage(String id, Integer session, Authentication caller, String error,
                                      boolean saved, HttpStatus status) {
        return Mono.zip(courses.detail(id), courses.sheet(id, caller), courses.attendanceRate(id)).map(found -> {
            CourseResponse course = found.getT1();
            OffsetDateTime now = OffsetDateTime.now(TypedFields.ZONE);
            // the sessions beside the rows, from the same view
            List<CourseResponse.SessionResponse> sessions = found.getT2().sessions();
            CourseResponse.SessionResponse chosen = sessions.stream()
                    .filter(s -> session == null ? !s.startsAt().isAfter(now) && !"CANCELLED".equals(s.status())
                                                 : s.sessionNo() == session)
                    .reduce((first, second) -> session == null ? second : first)
                    .orElse(sessions.isEmpty() ? null : sessions.get(0));
            List<AttendanceSheet.Row> rows = found.getT2().rows();
            return Rendering.view("organizer/attendance").status(status)
                            .modelAttribute("course", course)
                            .modelAttribute("rows", rows)
                            .modelAttribute("chosen", chosen)
                            .modelAttribute("marks", MARKS)
                            .modelAttribute("rate", OrganizerPages.CourseRate.of(found.getT3()))
                            .modelAttribute("error", error == null ? "" : error)
                            .modelAttribute("saved", saved)
                            .build();
        });
    }

    private static FormPage courseForm(CourseForm form) {
        return new FormPage("organizer.newCourse", "organizer.newCourseIntro", "/organizer/courses",
                            "organizer.createCourse", List.of(
                Field.of("title", "text", form.title()), Field.of("instructor", "text", form.instructor()),
                Field.of("minGrade", "number", form.minGrade()), Field.of("maxGrade", "number", form.maxGrade()),
                Field.of("capacity", "number", form.capacity()), Field.of("firstDate", "date", form.firstDate()),
                Field.of("weeks", "number", form.weeks()), Field.of("startTime", "time", form.startTime()),
                Field.of("endTime", "time", form.endTime()), Field.of("room", "text", form.room()),
                Field.of("description", "textarea", form.description()),
                Field.of("neighbourhoodId", "neighbourhood", form.neighbourhoodId())),
                            FormPage.keyFor(form.idempotencyKey()));
    }

    /** The course form as typed: a session on the first date and on the same weekday in each following week. */
    public record CourseForm(String title, String description, String instructor, String minGrade, String maxGrade,
                             String capacity, String firstDate, String weeks, String startTime, String endTime,
                             String room, String neighbourhoodId, String idempotencyKey) {

        CourseRequests.Create request(TypedFields typed) {
            LocalDate first = typed.date("firstDate", firstDate);
            LocalTime start = typed.clock("startTime", startTime);
            LocalTime end = typed.clock("endTime", endTime);
            Integer count = typed.number("weeks", weeks);
            List<CourseRequests.Session> sessions = null;
            if (count != null) {
                sessions = new ArrayList<>();
                for (int week = 0; week < Math.min(count, 41); week++) {
                    sessions.add(new CourseRequests.Session(first == null ? null : first.plusWeeks(week), start, end,
                                                            room));
                }
            }
            return new CourseRequests.Create(title, TypedFields.blankToNull(description), instructor,
                                             typed.number("minGrade", minGrade), typed.number("maxGrade", maxGrade),
                                             typed.number("capacity", capacity), sessions,
                                             TypedFields.blankToNull(neighbourhoodId));
        }

        /** The form's field for a field of the API's request: the sessions are made from several of them. */
        static String fieldOf(String requestField) {
            if (!requestField.startsWith("sessions")) {
                return requestField;
            }
            if (requestField.endsWith(".date")) {
                return "firstDate";
            }
            return requestField.endsWith(".room") ? "room" : "weeks";
        }
    }
}
