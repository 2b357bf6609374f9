package community.platform.api.pages;

import community.platform.api.audit.AuditController;
import community.platform.api.courses.CourseResponse;
import community.platform.api.festival.EventResponse;
import community.platform.api.festival.FestivalController;
import community.platform.api.pages.FormPage.Field;
import community.platform.api.volunteering.Hours;
import community.platform.api.volunteering.PostResponse;
import community.platform.api.volunteering.PublishPostRequest;
import community.platform.api.volunteering.ScheduleRequest;
import community.platform.api.volunteering.VolunteerPostController;
import community.platform.api.volunteering.Volunteering;
import community.platform.api.web.LocalTime;
import community.platform.api.web.Views;
import community.platform.shared.audit.AuditEvent;
import community.platform.shared.courses.AttendanceMark;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.FindOrganizerCoursesQuery;
import community.platform.shared.volunteering.ListOrganizerRostersQuery;
import community.platform.shared.volunteering.VolunteerRoster;
import community.platform.shared.volunteering.VolunteerSignedUpEvent;
import community.platform.shared.volunteering.VolunteerWaitlistedEvent;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Organizers' pages: the dashboard of their posts, events and courses; the forms that publish and move a post; a
 * post's roster with check-in, check-out and its sign-ups over time; the hours on their posts by team and month.
 */
@Controller
public class OrganizerPages {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    /** The sign-ups chart shows at most this many days, the latest. */
    private static final int SIGN_UP_DAYS = 31;

    private final Volunteering volunteering;
    private final FestivalController festival;
    private final AuditController audit;
    private final Views views;
    private final PageForms forms;
    private final MessageSource messages;

    OrganizerPages(Volunteering volunteering, FestivalController festival, AuditController audit, Views views,
                   PageForms forms, MessageSource messages) {
        this.volunteering = volunteering;
        this.festival = festival;
        this.audit = audit;
        this.views = views;
        this.forms = forms;
        this.messages = messages;
    }

    /** The caller's posts, festival events and courses, soonest first, with each course's attendance rate so far. */
    @GetMapping("/organizer")
    Mono<Rendering> dashboard(Authentication caller) {
        String me = caller.getName();
        return Mono.zip(myPosts(me), festival.list(),
                        views.list(new FindOrganizerCoursesQuery(me), CourseDetails.class))
                   .map(found -> {
                       List<EventResponse> events = found.getT2().stream().filter(e -> me.equals(e.organizer()))
                                                         .sorted(Comparator.comparing(EventResponse::startsAt))
                                                         .toList();
                       List<CourseRate> rates = found.getT3().stream().map(CourseRate::of)
                                                     .filter(rate -> rate.percent() != null).toList();
                       Map<String, BigDecimal> bars = new LinkedHashMap<>();
                       for (CourseRate rate : rates) {
                           // two courses may share a title: each keeps its own bar
                           String label = bars.containsKey(rate.shortTitle())
                                   ? rate.shortTitle() + " (" + (bars.size() + 1) + ")" : rate.shortTitle();
                           bars.put(label, BigDecimal.valueOf(rate.percent()));
                       }
                       return Rendering.view("organizer/dashboard")
                                       .modelAttribute("posts", found.getT1())
                                       .modelAttribute("events", events)
                                       .modelAttribute("courses", found.getT3().stream().map(CourseResponse::of)
                                                                       .toList())
                                       .modelAttribute("rates", rates)
                                       .modelAttribute("rateChart", BarChart.of(bars, BigDecimal.valueOf(100)))
                                       .build();
                   });
    }

    /** A course's attendance so far: the marks that count as attended against all marks given. */
    public record CourseRate(String courseId, String title, long attended, long marked, Integer percent) {

        static CourseRate of(CourseDetails course) {
            return of(course.id(), course.title(), course.enrolled().stream().map(CourseDetails.Enrollment::marks)
                                                         .toList());
        }

        /** From each enrolled child's marks by session. */
        static CourseRate of(String courseId, String title, List<Map<Integer, AttendanceMark>> marks) {
            long attended = marks.stream().flatMap(m -> m.values().stream()).filter(AttendanceMark::attended).count();
            long marked = marks.stream().mapToLong(Map::size).sum();
            return new CourseRate(courseId, title, attended, marked,
                                  marked == 0 ? null : (int) Math.round(100.0 * attended / marked));
        }

        /** The title as a chart's label has room for it. */
        String shortTitle() {
            return title.length() <= 10 ? title : title.substring(0, 9) + "…";
        }
    }

    @GetMapping("/organizer/posts/new")
    Rendering newPost() {
        return postForm(new PostForm("", "", "", "", "", "", "", "", null)).render(Map.of(), HttpStatus.OK);
    }

    @PostMapping("/organizer/posts")
    Mono<Rendering> publish(@ModelAttribute PostForm form, Authentication caller, ServerWebExchange exchange,
                            Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        PublishPostRequest request = form.request(typed);
        return forms.send(postForm(form), forms.invalidFields(typed, request, locale),
                          () -> forms.created(caller, form.idempotencyKey(), request, exchange,
                                              () -> volunteering.publish(request, caller.getName(), exchange)
                                                                .map(VolunteerPostController::created), "/posts/"),
                          exchange, locale);
    }

    /** The form that moves a post to other times; the volunteers keep their places and are told. */
    @GetMapping("/organizer/posts/{id}/schedule")
    Mono<Rendering> editSchedule(@PathVariable String id, ServerWebExchange exchange, Locale locale) {
        return volunteering.post(id)
                    .map(post -> scheduleForm(id, new ScheduleForm(null, TypedFields.local(post.startsAt()),
                                                                   TypedFields.local(post.endsAt()), ""))
                            .render(Map.of(), HttpStatus.OK))
                    .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    @PostMapping("/organizer/posts/{id}/schedule")
    Mono<Rendering> reschedule(@PathVariable String id, @ModelAttribute ScheduleForm form, Authentication caller,
                               ServerWebExchange exchange, Locale locale) {
        TypedFields typed = new TypedFields(messages, locale);
        ScheduleRequest request = new ScheduleRequest(typed.time("startsAt", form.startsAt()),
                                                      typed.time("endsAt", form.endsAt()),
                                                      TypedFields.blankToNull(form.reason()));
        return forms.send(scheduleForm(id, form), forms.invalidFields(typed, request, locale),
                          () -> volunteering.reschedule(id, request, caller.getName(), exchange)
                                            .thenReturn("/posts/" + id),
                          exchange, locale);
    }

    private static FormPage postForm(PostForm form) {
        return new FormPage("organizer.newPost", null, "/organizer/posts", "organizer.publish", List.of(
                Field.of("title", "text", form.title()), Field.of("team", "text", form.team()),
                Field.of("location", "text", form.location()), Field.of("startsAt", "datetime-local", form.startsAt()),
                Field.of("endsAt", "datetime-local", form.endsAt()), Field.of("capacity", "number", form.capacity()),
                Field.of("signupDeadline", "datetime-local", form.signupDeadline()),
                Field.of("description", "textarea", form.description())), FormPage.keyFor(form.idempotencyKey()));
    }

    private static FormPage scheduleForm(String id, ScheduleForm form) {
        return new FormPage("organizer.reschedule", "organizer.rescheduleIntro", "/organizer/posts/" + id + "/schedule",
                            "organizer.save", List.of(Field.of("startsAt", "datetime-local", form.startsAt()),
                                                      Field.of("endsAt", "datetime-local", form.endsAt()),
                                                      Field.of("reason", "text", form.reason())));
    }

    /** A record's new times, local to Beijing; the venue is for festival events (blank keeps it). */
    public record ScheduleForm(String venue, String startsAt, String endsAt, String reason) {
    }

    /** Hours the organizer's volunteers gave, by the post's team and the month of its shift: one chart per team. */
    @GetMapping("/organizer/hours")
    Mono<Rendering> hours(Authentication caller) {
        String me = caller.getName();
        return Mono.zip(myPosts(me), views.list(new ListOrganizerRostersQuery(me), VolunteerRoster.class))
                .map(both -> {
                    Map<String, Long> minutesByPost = new HashMap<>();
                    both.getT2().forEach(roster -> minutesByPost.put(roster.postId(), roster.confirmed().stream()
                            .map(VolunteerRoster.Confirmed::minutes).filter(Objects::nonNull)
                            .mapToLong(Long::longValue).sum()));
                    return both.getT1().stream()
                               .map(post -> Map.entry(post, minutesByPost.getOrDefault(post.id(), 0L)))
                               .filter(minutes -> minutes.getValue() > 0).toList();
                })
                .map(found -> {
                    Map<String, Map<String, Long>> byTeam = new TreeMap<>();
                    SortedSet<String> months = new TreeSet<>();
                    found.forEach(entry -> {
                        String month = entry.getKey().startsAt().format(MONTH);
                        months.add(month);
                        byTeam.computeIfAbsent(entry.getKey().team(), team -> new TreeMap<>())
                              .merge(month, entry.getValue(), Long::sum);
                    });
                    BigDecimal max = byTeam.values().stream().flatMap(m -> m.values().stream()).map(Hours::of)
                                           .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
                    List<TeamHours> teams = byTeam.entrySet().stream().map(team -> {
                        Map<String, BigDecimal> values = new LinkedHashMap<>();
                        months.forEach(month -> values.put(month, Hours.of(team.getValue().getOrDefault(month, 0L))));
                        long total = team.getValue().values().stream().mapToLong(Long::longValue).sum();
                        return new TeamHours(team.getKey(), BarChart.of(values, max), List.copyOf(values.values()),
                                             Hours.of(total));
                    }).toList();
                    return Rendering.view("organizer/hours").modelAttribute("months", List.copyOf(months))
                                    .modelAttribute("teams", teams).build();
                });
    }

    /** One team's hours: a chart over every month shown, the same figures for the table, and the team's total. */
    public record TeamHours(String team, BarChart chart, List<BigDecimal> hours, BigDecimal total) {
    }

    private Mono<List<PostResponse>> myPosts(String organizer) {
        return volunteering.posts(null, null, null, null)
                    .map(all -> all.stream().filter(p -> organizer.equals(p.organizer()))
                                   .sorted(Comparator.comparing(PostResponse::startsAt)).toList());
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
        return volunteering.checkIn(id, username, caller.getName(), exchange)
                    .then(Mono.fromSupplier(() -> backToRoster(id, username)))
                    .onErrorResume(failure -> refused(id, caller, failure, exchange, locale));
    }

    /** Records the attendance from the check-in's time until now. */
    @PostMapping("/organizer/posts/{id}/roster/{username}/check-out")
    Mono<Rendering> checkOut(@PathVariable String id, @PathVariable String username, Authentication caller,
                             ServerWebExchange exchange, Locale locale) {
        return volunteering.checkOut(id, username, caller.getName(), exchange)
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
        return Mono.zip(volunteering.post(id), volunteering.roster(id, caller))
                   .zipWhen(found -> audit.history(id))
                   .map(both -> {
                        var found = both.getT1();
                        return Rendering.view("organizer/roster").status(status)
                                        .modelAttribute("post", found.getT1())
                                        .modelAttribute("seats", found.getT2().confirmed().stream().map(Seat::of).toList())
                                        .modelAttribute("waiting", found.getT2().waitlist())
                                        .modelAttribute("error", error == null ? "" : error)
                                        .modelAttribute("signUps", signUpsByDay(both.getT2()))
                                        .build();
                    });
    }

    /**
     * Sign-ups a day (seated or put on the waiting list; withdrawals are not taken off), Beijing days, from the first
     * sign-up's day to the last's, the latest {@value #SIGN_UP_DAYS} days at most.
     */
    static BarChart signUpsByDay(List<AuditEvent> history) {
        Set<String> signUps = Set.of(VolunteerSignedUpEvent.class.getSimpleName(),
                                     VolunteerWaitlistedEvent.class.getSimpleName());
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        history.stream().filter(e -> signUps.contains(e.type()))
               .forEach(e -> perDay.merge(LocalDate.ofInstant(e.timestamp(), TypedFields.ZONE), 1L, Long::sum));
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        if (!perDay.isEmpty()) {
            LocalDate last = perDay.lastKey();
            LocalDate earliestShown = last.minusDays(SIGN_UP_DAYS - 1);
            LocalDate first = perDay.firstKey().isBefore(earliestShown) ? earliestShown : perDay.firstKey();
            first.datesUntil(last.plusDays(1)).forEach(day -> values.put(
                    day.format(DAY), BigDecimal.valueOf(perDay.getOrDefault(day, 0L))));
        }
        return BarChart.of(values);
    }

    /** A confirmed volunteer as the roster page shows them, times in Beijing time. */
    public record Seat(String username, String displayName, OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt,
                       BigDecimal hours) {

        static Seat of(VolunteerRoster.Confirmed seat) {
            return new Seat(seat.username(), seat.displayName(), LocalTime.of(seat.checkedInAt()),
                            LocalTime.of(seat.checkedOutAt()), seat.minutes() == null ? null : Hours.of(seat.minutes()));
        }
    }

    /** The publish form's fields as typed; times are local to Beijing, as {@code datetime-local} sends them. */
    public record PostForm(String title, String description, String team, String location, String startsAt,
                           String endsAt, String capacity, String signupDeadline, String idempotencyKey) {

        PublishPostRequest request(TypedFields typed) {
            return new PublishPostRequest(title, TypedFields.blankToNull(description), team, location,
                                          typed.time("startsAt", startsAt), typed.time("endsAt", endsAt),
                                          typed.number("capacity", capacity),
                                          typed.time("signupDeadline", signupDeadline), List.of());
        }
    }
}
