package community.platform.api.pages;

import community.platform.api.neighbourhoods.Neighbourhoods;
import community.platform.api.courses.CourseRequests;
import community.platform.api.courses.Courses;
import community.platform.api.privacy.PrivacyNotices;
import community.platform.shared.ErrorCode;
import community.platform.shared.personal.ChildDataNotice;
import org.springframework.http.HttpStatus;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Guardians' pages for Sunshine 330 courses: the catalogue, a course with its sessions and enrollment, my children. */
@Controller
public class CoursePages {

    private static final String CONSENT_REQUIRED = ErrorCode.CONSENT_REQUIRED.slug();

    private final Courses courses;
    private final Neighbourhoods neighbourhoods;
    private final PageForms forms;
    private final PrivacyNotices notices;

    CoursePages(Courses courses, Neighbourhoods neighbourhoods, PageForms forms, PrivacyNotices notices) {
        this.courses = courses;
        this.neighbourhoods = neighbourhoods;
        this.forms = forms;
        this.notices = notices;
    }

    @GetMapping("/courses")
    Mono<Rendering> catalogue(@RequestParam(required = false) Integer grade,
                              @RequestParam(required = false) String neighbourhood, ServerWebExchange exchange) {
        return neighbourhoods.filterFor(neighbourhood, exchange).flatMap(place -> courses.catalogue(
                grade, false, place.isEmpty() ? null : place).map(found -> Rendering.view("courses/list")
                                                                     .modelAttribute("neighbourhood", place)
                                                                     .modelAttribute("courses", found)
                                                                     .modelAttribute("grade", grade == null ? 0 : grade)
                                                                     .build()));
    }

    /** The course; {@code done} and {@code position} say what the enrollment just made gave. */
    @GetMapping("/courses/{id}")
    Mono<Rendering> course(@PathVariable String id, @RequestParam(required = false) String done,
                           @RequestParam(required = false) Integer position, ServerWebExchange exchange,
                           Locale locale) {
        return page(id, new EnrollForm("", "", null, null), Map.of(), done == null ? "" : done, position,
                    HttpStatus.OK, locale)
                .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    @PostMapping("/courses/{id}/enrollments")
    Mono<Rendering> enroll(@PathVariable String id, @ModelAttribute EnrollForm form, Authentication caller,
                           ServerWebExchange exchange, Locale locale) {
        Integer grade = form.grade();
        CourseRequests.Enroll request = new CourseRequests.Enroll(form.childName(), grade, form.consented(),
                                                                  form.consentVersion());
        Map<String, String> invalid = new LinkedHashMap<>(forms.invalidFields(request, locale));
        if (!invalid.isEmpty()) {
            return page(id, form, invalid, "", null, HttpStatus.BAD_REQUEST, locale);
        }
        return courses.enroll(id, request, caller, exchange)
                      .map(enrollment -> Rendering.redirectTo("/courses/" + id + "?done=" + enrollment.status()
                                                              + (enrollment.waitlistPosition() == null ? ""
                                                                      : "&position=" + enrollment.waitlistPosition()))
                                                  .build())
                      .onErrorResume(failure -> forms.again(failure, exchange, locale, refusal -> page(
                              id, form, Map.of(CONSENT_REQUIRED.equals(refusal.slug()) ? "consent" : "",
                                               refusal.message()), "", null, refusal.status(), locale)));
    }

    /** The caller's children and their courses; {@code erasure} is set once a child's erasure was asked for. */
    @GetMapping("/me/children")
    Mono<Rendering> children(@RequestParam(required = false) String erasure, Authentication caller) {
        return courses.children(caller).map(children -> Rendering.view("me/children")
                                                                 .modelAttribute("children", children)
                                                                 .modelAttribute("erasureRequested", erasure != null)
                                                                 .build());
    }

    /**
     * The form shows the notice in the page's language and sends the version shown with the guardian's consent. A form
     * shown again keeps the box ticked only for the same notice: consent to a newer text is never ticked in advance.
     */
    private Mono<Rendering> page(String id, EnrollForm form, Map<String, String> invalid, String done,
                                 Integer position, HttpStatus status, Locale locale) {
        ChildDataNotice notice = notices.children();
        String text = "en".equals(locale.getLanguage()) ? notice.en() : notice.zh();
        List<String> paragraphs = List.of(text.split("\\n\\s*\\n"));
        return courses.detail(id).map(course -> Rendering.view("courses/course").status(status)
                                                         .modelAttribute("course", course)
                                                         .modelAttribute("form", form)
                                                         .modelAttribute("noticeVersion", notice.version())
                                                         .modelAttribute("consentTicked", form.consented()
                                                                 && notice.version().equals(form.consentVersion()))
                                                         .modelAttribute("noticeTitle", paragraphs.get(0))
                                                         .modelAttribute("noticeText",
                                                                         paragraphs.subList(1, paragraphs.size()))
                                                         .modelAttribute("invalid", invalid)
                                                         .modelAttribute("done", done)
                                                         .modelAttribute("position", position == null ? 0 : position)
                                                         .build());
    }

    /**
     * The enrollment form as typed; the grade is a number from 1 to 6; {@code consent} is the checkbox, sent only when
     * ticked, and {@code consentVersion} the version of the notice the form showed.
     */
    public record EnrollForm(String childName, String childGrade, String consent, String consentVersion) {

        public boolean consented() {
            return "true".equals(consent);
        }

        Integer grade() {
            try {
                return childGrade == null || childGrade.isBlank() ? null : Integer.valueOf(childGrade.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
