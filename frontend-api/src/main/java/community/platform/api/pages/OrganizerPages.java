package community.platform.api.pages;

import community.platform.api.neighbourhoods.Neighbourhoods;
import community.platform.api.pages.FormPage.Field;
import community.platform.api.volunteering.Hours;
import community.platform.api.volunteering.PublishPostRequest;
import community.platform.api.volunteering.ScheduleRequest;
import community.platform.api.volunteering.VolunteerPostController;
import community.platform.api.volunteering.Volunteering;
import community.platform.api.web.LocalTime;
import community.platform.api.web.Views;
import community.platform.shared.courses.CourseAttendanceRate;
import community.platform.shared.courses.ListCourseAttendanceRatesQuery;
import community.platform.shared.festival.EventKind;
import community.platform.shared.festival.EventStatus;
import community.platform.shared.organizers.FindOrganizerDashboardQuery;
import community.platform.shared.organizers.OrganizerDashboard;
import community.platform.shared.volunteering.FindNeighbourhoodTeamHoursQuery;
import community.platform.shared.volunteering.FindSignUpsPerDayQuery;
import community.platform.shared.volunteering.FindTeamHoursQuery;
import community.platform.shared.volunteering.FindVolunteerRosterQuery;
import community.platform.shared.volunteering.PostStatus;
import community.platform.shared.volunteering.SignUpsPerDay;
import community.platform.shared.volunteering.VolunteerRoster;
import org.springframework.context.MessageSource;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Organizers' pages: the dashboard of their posts, events and courses; the forms that publish and move a post; a
 * post's roster with check-in, check-out and its sign-ups over time; the hours on their posts by team and month.
 */
@Controller
public class OrganizerPages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");
    /** The sign-ups chart shows at most this many days, the latest. */
    private static final int SIGN_UP_DAYS = 31;

    private final Volunteering volunteering;
    private final Views views;
    private final PageForms forms;
    private final MessageSource messages;

    OrganizerPages(Volunteering volunteering, Views views, PageForms forms, MessageSource messages) {
        this.volunteering = volunteering;
        this.views = views;
        this.forms = forms;
        this.messages = messages;
    }

    /**
     * The caller's posts, festival events and courses, soonest first, with each course's attendance rate so far: of all
     * their courses, or of those in one neighbourhood.
     */
    @GetMapping("/organizer")
    Mono<Rendering> dashboard(Authentication caller, @RequestParam(required = false) String neighbourhood) {
        String me = caller.getName();
        String place = Neighbourhoods.chosen(neighbourhood);
        return Mono.zip(views.existing(new FindOrganizerDashboardQuery(me), OrganizerDashboard.class, "No dashboard"),
                        views.list(new ListCourseAttendanceRatesQuery(me, place), CourseAttendanceRate.class))
                   .map(found -> {
                       OrganizerDashboard mine = found.getT1();
                       List<CourseRate> rates = found.getT2().stream().map(CourseRate::of).toList();
                       Map<String, BigDecimal> bars = new LinkedHashMap<>();
                       for (CourseRate rate : rates) {
                           // two courses may share a title: each keeps its own bar
                           String label = bars.containsKey(rate.shortTitle())
                                   ? rate.shortTitle() + " (" + (bars.size() + 1) + ")" : rate.shortTitle();
                           bars.put(label, BigDecimal.valueOf(rate.percent()));
                       }
                       return Rendering.view("organizer/dashboard")
                                       .modelAttribute("posts", mine.posts().stream().map(PostCard::of).toList())
                                       .modelAttribute("events", mine.events().stream().map(EventCard::of).toList())
                                       .modelAttribute("courses", mine.courses())
                                       .modelAttribute("rates", rates)
                                       .modelAttribute("rateChart", BarChart.of(bars, BigDecimal.valueOf(100)))
                                       .modelAttribute("neighbourhood", place == null ? "" : place)
                                       .build();
                   });
    }

    /** A post's card, its times in Beijing time. */
    public record PostCard(String id, String title, String team, String location, OffsetDateTime startsAt,
                           int capacity, int confirmed, int waitlisted, PostStatus status) {

        static PostCard of(OrganizerDashboard.Post post) {
            return new PostCard(post.id(), post.title(), post.team(), post.location(), LocalTime.of(post.startsAt()),
                                post.capacity(), post.confirmed(), post.waitlisted(), post.status());
        }
    }

    /** A festival event's card, its times in Beijing time. */
    public record EventCard(String id, String title, EventKind kind, String venue, OffsetDateTime startsAt,
                            int capacity, int registered, int waitlisted, EventStatus status) {

        static EventCard of(OrganizerDashboard.Event event) {
            return new EventCard(event.id(), event.title(), event.kind(), event.venue(),
                                 LocalTime.of(event.startsAt()), event.capacity(), event.registered(),
                                 event.waitlisted(), event.status());
        }
    }

    /** A course's attendance so far: the marks that count as attended against all marks given. */
    public record CourseRate(String courseId, String title, long attended, long marked, Integer percent) {

        static CourseRate of(CourseAttendanceRate rate) {
            return new CourseRate(rate.courseId(), rate.title(), rate.attended(), rate.marked(), rate.percent());
        }

        /** The title as a chart's label has room for it. */
        String shortTitle() {
            return title.length() <= 10 ? title : title.substring(0, 9) + "…";
        }
    }

    @GetMapping("/organizer/posts/new")
    Rendering newPost() {
        return postForm(new PostForm("", "", "", "", "", "", "", "", "", null)).render(Map.of(), HttpStatus.OK);
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
                Field.of("description", "textarea", form.description()),
                Field.of("neighbourhoodId", "neighbourhood", form.neighbourhoodId())),
                            FormPage.keyFor(form.idempotencyKey()));
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

    /**
     * Hours the organizer's volunteers gave, by the post's team and the month of its shift: one chart per team; in all,
     * or in one neighbourhood.
     */
    @GetMapping("/organizer/hours")
    Mono<Rendering> hours(Authentication caller, @RequestParam(required = false) String neighbourhood) {
        String place = Neighbourhoods.chosen(neighbourhood);
        Object query = place == null ? new FindTeamHoursQuery(caller.getName())
                                     : new FindNeighbourhoodTeamHoursQuery(caller.getName(), place);
        return views.existing(query, community.platform.shared.volunteering.TeamHours.class, "No hours")
                .map(found -> {
                    BigDecimal max = found.teams().stream().flatMap(team -> team.minutes().stream()).map(Hours::of)
                                          .max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
                    List<TeamHours> teams = found.teams().stream().map(team -> {
                        Map<String, BigDecimal> values = new LinkedHashMap<>();
                        for (int month = 0; month < found.months().size(); month++) {
                            values.put(found.months().get(month), Hours.of(team.minutes().get(month)));
                        }
                        return new TeamHours(team.team(), BarChart.of(values, max), List.copyOf(values.values()),
                                             Hours.of(team.totalMinutes()));
                    }).toList();
                    return Rendering.view("organizer/hours").modelAttribute("months", found.months())
                                    .modelAttribute("teams", teams)
                                    .modelAttribute("neighbourhood", place == null ? "" : place).build();
                });
    }

    /** One team's hours: a chart over every month shown, the same figures for the table, and the team's total. */
    public record TeamHours(String team, BarChart chart, List<BigDecimal> hours, BigDecimal total) {
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
                   .zipWhen(found -> views.existing(new FindSignUpsPerDayQuery(id), SignUpsPerDay.class, "No sign-ups"))
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

    /** Sign-ups a day, from the first sign-up's day to the last's, the latest {@value #SIGN_UP_DAYS} days at most. */
    static BarChart signUpsByDay(SignUpsPerDay signUps) {
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        signUps.days().forEach(day -> perDay.put(day.day(), day.signUps()));
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
                           String endsAt, String capacity, String signupDeadline, String neighbourhoodId,
                           String idempotencyKey) {

        PublishPostRequest request(TypedFields typed) {
            return new PublishPostRequest(title, TypedFields.blankToNull(description), team, location,
                                          typed.time("startsAt", startsAt), typed.time("endsAt", endsAt),
                                          typed.number("capacity", capacity),
                                          typed.time("signupDeadline", signupDeadline), List.of(),
                                          TypedFields.blankToNull(neighbourhoodId));
        }
    }
}
