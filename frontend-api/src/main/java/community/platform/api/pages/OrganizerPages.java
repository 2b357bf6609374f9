package community.platform.api.pages;

import community.platform.api.security.Callers;
import community.platform.api.volunteering.AttendanceRequest;
import community.platform.api.volunteering.Hours;
import community.platform.api.volunteering.PostResponse;
import community.platform.api.volunteering.PublishPostRequest;
import community.platform.api.volunteering.VolunteerPostController;
import community.platform.api.web.ApiProblemException;
import community.platform.api.web.LocalTime;
import community.platform.api.web.Problems;
import community.platform.api.web.Views;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.VolunteerRoster;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Organizers' pages: their posts, the form that publishes one, and a post's roster with check-in and check-out. */
@Controller
public class OrganizerPages {

    /** The zone the forms' local times are in, as everywhere on the platform. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Which field a refusal of the post as a whole is about. */
    private static final Map<String, String> FIELD_OF_PROBLEM = Map.of("invalid-schedule", "startsAt",
                                                                       "invalid-capacity", "capacity");

    private final VolunteerPostController posts;
    private final Views views;
    private final PageForms forms;
    private final MessageSource messages;

    OrganizerPages(VolunteerPostController posts, Views views, PageForms forms, MessageSource messages) {
        this.posts = posts;
        this.views = views;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping("/organizer")
    Mono<Rendering> dashboard(Authentication caller) {
        return posts.list(null, null, null, null)
                    .map(all -> Rendering.view("organizer/dashboard")
                                         .modelAttribute("posts", all.stream()
                                                                     .filter(p -> caller.getName().equals(p.organizer()))
                                                                     .sorted(Comparator.comparing(PostResponse::startsAt))
                                                                     .toList())
                                         .build());
    }

    @GetMapping("/organizer/posts/new")
    Rendering newPost() {
        return form(new PostForm("", "", "", "", "", "", "", ""), Map.of(), HttpStatus.OK);
    }

    @PostMapping("/organizer/posts")
    Mono<Rendering> publish(@ModelAttribute PostForm form, Authentication caller, ServerWebExchange exchange,
                            Locale locale) {
        Map<String, String> invalid = new LinkedHashMap<>();
        PublishPostRequest request = form.request(invalid, messages, locale);
        forms.invalidFields(request, locale).forEach(invalid::putIfAbsent);
        if (!invalid.isEmpty()) {
            return Mono.just(form(form, invalid, HttpStatus.BAD_REQUEST));
        }
        return posts.publish(request, null, caller, exchange)
                    .map(created -> Rendering.redirectTo("/posts/" + created.getBody().id()).build())
                    .onErrorResume(failure -> {
                        PageForms.Refusal refusal = forms.refusal(failure, exchange, locale);
                        return Mono.just(form(form, Map.of(FIELD_OF_PROBLEM.getOrDefault(refusal.slug(), ""),
                                                           refusal.message()), refusal.status()));
                    });
    }

    /** The post's roster, for checking volunteers in and out with one tap each. */
    @GetMapping("/organizer/posts/{id}/roster")
    Mono<Rendering> roster(@PathVariable String id, Authentication caller, ServerWebExchange exchange,
                           Locale locale) {
        return rosterPage(id, caller, null, HttpStatus.OK).onErrorResume(failure -> forms.failed(failure, exchange,
                                                                                                 locale));
    }

    @PostMapping("/organizer/posts/{id}/roster/{username}/check-in")
    Mono<Rendering> checkIn(@PathVariable String id, @PathVariable String username, Authentication caller,
                            ServerWebExchange exchange, Locale locale) {
        return posts.checkIn(id, new VolunteerPostController.CheckInRequest(username), caller, exchange)
                    .then(Mono.fromSupplier(() -> backToRoster(id, username)))
                    .onErrorResume(failure -> refused(id, caller, failure, exchange, locale));
    }

    /** Records the attendance from the check-in's time until now. */
    @PostMapping("/organizer/posts/{id}/roster/{username}/check-out")
    Mono<Rendering> checkOut(@PathVariable String id, @PathVariable String username, Authentication caller,
                             ServerWebExchange exchange, Locale locale) {
        return views.existing(new FindVolunteerRosterQuery(id), VolunteerRoster.class, "There is no volunteer post " + id)
                    .flatMap(roster -> Mono.justOrEmpty(roster.confirmed().stream()
                                                              .filter(seat -> seat.username().equals(username))
                                                              .map(VolunteerRoster.Confirmed::checkedInAt)
                                                              .filter(java.util.Objects::nonNull).findFirst()))
                    .flatMap(in -> posts.attendance(id, new AttendanceRequest(username, LocalTime.of(in),
                                                                              OffsetDateTime.now(ZONE), null),
                                                    caller, exchange))
                    .then(Mono.fromSupplier(() -> backToRoster(id, username)))
                    .onErrorResume(failure -> refused(id, caller, failure, exchange, locale));
    }

    private static Rendering backToRoster(String id, String username) {
        return Rendering.redirectTo("/organizer/posts/" + id + "/roster#seat-" + username).build();
    }

    private Mono<Rendering> refused(String id, Authentication caller, Throwable failure, ServerWebExchange exchange,
                                    Locale locale) {
        return forms.again(failure, exchange, locale,
                           refusal -> rosterPage(id, caller, refusal.message(), refusal.status()));
    }

    private Mono<Rendering> rosterPage(String id, Authentication caller, String error, HttpStatus status) {
        return posts.detail(id).zipWith(views.existing(new FindVolunteerRosterQuery(id), VolunteerRoster.class,
                                                       "There is no volunteer post " + id))
                    .map(found -> {
                        if (!Callers.organizerOrAuditor(caller, found.getT2().organizer())) {
                            throw new ApiProblemException(Problems.forbidden(
                                    "Only the post's organizer and auditors see its roster"));
                        }
                        return Rendering.view("organizer/roster").status(status)
                                        .modelAttribute("post", found.getT1())
                                        .modelAttribute("seats", found.getT2().confirmed().stream().map(Seat::of).toList())
                                        .modelAttribute("waiting", found.getT2().waitlist())
                                        .modelAttribute("error", error == null ? "" : error)
                                        .build();
                    });
    }

    /** A confirmed volunteer as the roster page shows them, times in Beijing time. */
    public record Seat(String username, String displayName, OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt,
                       BigDecimal hours) {

        static Seat of(VolunteerRoster.Confirmed seat) {
            return new Seat(seat.username(), seat.displayName(), LocalTime.of(seat.checkedInAt()),
                            LocalTime.of(seat.checkedOutAt()), seat.minutes() == null ? null : Hours.of(seat.minutes()));
        }
    }

    private static Rendering form(PostForm form, Map<String, String> invalid, HttpStatus status) {
        return Rendering.view("organizer/post-form").status(status)
                        .modelAttribute("form", form)
                        .modelAttribute("invalid", invalid)
                        .build();
    }

    /** The publish form's fields as typed; times are local to Beijing, as {@code datetime-local} sends them. */
    public record PostForm(String title, String description, String team, String location, String startsAt,
                    String endsAt, String capacity, String signupDeadline) {

        /** The API's request, with a message in {@code invalid} for each field that does not parse. */
        PublishPostRequest request(Map<String, String> invalid, MessageSource messages, Locale locale) {
            return new PublishPostRequest(title, blankToNull(description), team, location,
                                          time("startsAt", startsAt, invalid, messages, locale),
                                          time("endsAt", endsAt, invalid, messages, locale),
                                          number("capacity", capacity, invalid, messages, locale),
                                          time("signupDeadline", signupDeadline, invalid, messages, locale),
                                          List.of());
        }

        private static OffsetDateTime time(String field, String value, Map<String, String> invalid,
                                           MessageSource messages, Locale locale) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return LocalDateTime.parse(value).atZone(ZONE).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                invalid.put(field, messages.getMessage("validation.time", null, locale));
                return null;
            }
        }

        private static Integer number(String field, String value, Map<String, String> invalid,
                                      MessageSource messages, Locale locale) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(value.strip());
            } catch (NumberFormatException e) {
                invalid.put(field, messages.getMessage("validation.number", null, locale));
                return null;
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }
}
