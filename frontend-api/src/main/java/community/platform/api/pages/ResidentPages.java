package community.platform.api.pages;

import community.platform.api.notices.NotificationController;
import community.platform.api.volunteering.Hours;
import community.platform.api.volunteering.VolunteerController;
import community.platform.api.web.LocalTime;
import community.platform.api.web.Views;
import community.platform.shared.volunteering.FindVolunteerDutiesQuery;
import community.platform.shared.volunteering.VolunteerDuty;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A resident's own pages: their duties with a calendar to subscribe to, their hours by month, their notices. */
@Controller
public class ResidentPages {

    private final Views views;
    private final VolunteerController volunteers;
    private final NotificationController notifications;
    private final PageForms forms;

    ResidentPages(Views views, VolunteerController volunteers, NotificationController notifications,
                  PageForms forms) {
        this.views = views;
        this.volunteers = volunteers;
        this.notifications = notifications;
        this.forms = forms;
    }

    @GetMapping("/me")
    String me() {
        return "redirect:/me/duties";
    }

    /** The caller's duties, soonest first, with the calendar to download or subscribe to. */
    @GetMapping("/me/duties")
    Mono<Rendering> duties(Authentication caller, ServerWebExchange exchange) {
        return duties(caller).map(duties -> Rendering.view("me/duties")
                                                     .modelAttribute("duties", duties.stream()
                                                                                     .sorted(Comparator.comparing(Duty::startsAt))
                                                                                     .toList())
                                                     .modelAttribute("subscription", exchange.getRequest().getURI()
                                                                                             .resolve("/api/volunteers/me/calendar.ics"))
                                                     .build());
    }

    /** The caller's duties as iCalendar, for a browser signed in to the pages. */
    @GetMapping("/me/calendar.ics")
    @ResponseBody
    Mono<ResponseEntity<String>> calendar(Authentication caller) {
        return volunteers.calendar(caller);
    }

    /** Hours credited, in total and by the month of the duty (Beijing time), with a chart. */
    @GetMapping("/me/hours")
    Mono<Rendering> hours(Authentication caller) {
        return duties(caller).map(duties -> {
            List<Duty> credited = duties.stream().filter(duty -> duty.hours() != null).toList();
            TreeMap<String, BigDecimal> byMonth = credited.stream().collect(Collectors.groupingBy(
                    duty -> YearMonth.from(duty.startsAt()).toString(), TreeMap::new,
                    Collectors.reducing(BigDecimal.ZERO, Duty::hours, BigDecimal::add)));
            return Rendering.view("me/hours")
                            .modelAttribute("total", credited.stream().map(Duty::hours)
                                                             .reduce(BigDecimal.ZERO, BigDecimal::add))
                            .modelAttribute("chart", BarChart.of(byMonth))
                            .modelAttribute("duties", credited)
                            .build();
        });
    }

    @GetMapping("/me/notices")
    Mono<Rendering> notices(Authentication caller) {
        return notifications.mine(caller).map(notices -> Rendering.view("me/notices")
                                                                  .modelAttribute("notices", notices).build());
    }

    @PostMapping("/me/notices/{id}/read")
    Mono<Rendering> read(@PathVariable String id, Authentication caller, ServerWebExchange exchange, Locale locale) {
        return notifications.read(id, caller, exchange)
                            .then(Mono.fromSupplier(() -> Rendering.redirectTo("/me/notices").build()))
                            .onErrorResume(failure -> forms.failed(failure, exchange, locale));
    }

    /** A duty as the pages show it, times in Beijing time, hours once recorded. */
    public record Duty(String postId, String title, String location, OffsetDateTime startsAt, OffsetDateTime endsAt,
                       String status, BigDecimal hours) {
    }

    private Mono<List<Duty>> duties(Authentication caller) {
        return views.list(new FindVolunteerDutiesQuery(caller.getName()), VolunteerDuty.class)
                    .map(duties -> duties.stream().map(d -> new Duty(
                            d.postId(), d.title(), d.location(), LocalTime.of(d.startsAt()), LocalTime.of(d.endsAt()),
                            d.status(), d.minutes() == null ? null : Hours.of(d.minutes()))).toList());
    }
}
